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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code repro fetch KEY DEST}: copy an artifact (or every artifact under a prefix) out of the
 * object store; {@code repro fetch --url KEY [--expires 1h]}: print a presigned URL that any HTTP
 * client downloads it with, no credentials needed.
 */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description = {
      "Copies an object from the store to a file. A KEY ending in '/' copies every object under it into"
          + " the folder DEST, keeping the key layout below the prefix.",
      "Existing files are never overwritten.",
      "With --url, prints a presigned download URL for KEY instead (anyone holding it can read the"
          + " object until it expires)."
    })
final class FetchCommand extends EnvironmentCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "KEY",
      description = "Object key, e.g. plans/<id>/report.md, or a prefix ending in '/'.")
  String key;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "DEST",
      description = "Destination file (or folder); not with --url.")
  Path destination;

  @Option(
      names = "--url",
      description = "Print a presigned GET URL for KEY (e.g. for curl) instead of copying it.")
  boolean url;

  @Option(
      names = "--expires",
      paramLabel = "DURATION",
      defaultValue = "1h",
      description = "How long the --url works: 45s, 15m, 1h, 7d (at most 7d). Default: 1h.")
  String expires;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Duration validity = url ? ExpiryDuration.parse("--expires", expires) : null;
    if (url && destination != null) {
      throw UserError.input(
          "--url prints a link and writes no file: drop DEST " + destination + ".");
    }
    if (!url && destination == null) {
      throw UserError.input("Give a DEST file or folder for " + key + ", or --url for a link.");
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Services services =
        Services.open(connection.settings(env()), registry, StackPorts.ephemeral(), true)) {
      ObjectStore store = services.store();
      if (url) {
        if (key.endsWith("/") || !store.exists(key)) {
          throw UserError.input(
              "No object '"
                  + key
                  + "' in bucket "
                  + store.bucket()
                  + ": --url needs one object's key.");
        }
        out.println(presign(store, validity));
      } else if (key.endsWith("/")) {
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

  private String presign(ObjectStore store, Duration validity) {
    try {
      return store.presignedGet(key, validity);
    } catch (StorageException e) {
      throw UserError.service(e.getMessage());
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
