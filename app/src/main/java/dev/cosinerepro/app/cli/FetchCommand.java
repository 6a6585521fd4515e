package dev.cosinerepro.app.cli;

import dev.cosinerepro.app.exit.ExitCodes;
import dev.cosinerepro.app.exit.UserError;
import dev.cosinerepro.app.runtime.Services;
import dev.cosinerepro.app.stack.StackPorts;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.StorageException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code repro fetch KEY DEST}: copy an artifact (or every artifact under a prefix) out of the
 * object store.
 */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description = {
      "Copies an object from the store to a file. A KEY ending in '/' copies every object under it into"
          + " the folder DEST, keeping the key layout below the prefix.",
      "Existing files are never overwritten."
    })
final class FetchCommand extends EnvironmentCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "KEY",
      description = "Object key, e.g. plans/<id>/report.md, or a prefix ending in '/'.")
  String key;

  @Parameters(index = "1", paramLabel = "DEST", description = "Destination file (or folder).")
  Path destination;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Services services =
        Services.open(connection.settings(env()), registry, StackPorts.ephemeral(), true)) {
      ObjectStore store = services.store();
      if (key.endsWith("/")) {
        List<String> keys = store.list(key);
        if (keys.isEmpty()) {
          throw UserError.input(
              "No objects under '" + key + "' in bucket " + store.bucket() + ": check the prefix.");
        }
        for (String each : keys) {
          Path target = destination.resolve(each.substring(key.length())).normalize();
          if (!target.startsWith(destination.normalize())) {
            throw UserError.input(
                "The key " + each + " would leave the folder " + destination + ".");
          }
          fetchOne(store, each, target);
          out.println(each + " -> " + target);
        }
      } else {
        Path target =
            Files.isDirectory(destination)
                ? destination.resolve(key.substring(key.lastIndexOf('/') + 1))
                : destination;
        if (!store.exists(key)) {
          throw UserError.input(
              "No object '" + key + "' in bucket " + store.bucket() + ": check the key.");
        }
        fetchOne(store, key, target);
        out.println(key + " -> " + target);
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  private static void fetchOne(ObjectStore store, String key, Path target) {
    if (Files.exists(target)) {
      throw UserError.input("The file " + target + " exists: choose another destination.");
    }
    try {
      Path parent = target.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      store.download(key, target);
    } catch (java.io.IOException e) {
      throw UserError.input("Cannot write " + target + ": " + e.getMessage() + ".");
    } catch (StorageException e) {
      throw UserError.service(e.getMessage());
    }
  }
}
