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
    checkKey(key);
    PrintWriter out = spec.commandLine().getOut();
    Duration validity = url ? ExpiryDuration.parse("--expires", expires) : null;
    if (url && destination != null) {
      throw UserError.input(
          "--url prints a link and writes no file: drop DEST " + destination + ".");
    }
    if (!url && destination == null) {
      throw UserError.input("Give a DEST file or folder for " + key + ", or --url for a link.");
    }
    if (destination != null) {
      checkWritable(destination);
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
    } catch (StorageException e) {
      throw UserError.service(e.getMessage());
    }
  }

  /** A store key: no leading '/', no empty, '.' or '..' segment, at most 1024 bytes. */
  static void checkKey(String key) {
    String body = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    boolean bad =
        body.isEmpty()
            || key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1024
            || java.util.Arrays.stream(body.split("/", -1))
                .anyMatch(part -> part.isEmpty() || part.equals(".") || part.equals(".."));
    if (bad) {
      throw UserError.input(
          "'"
              + key
              + "' is not a store key: keys are relative paths without '.', '..' or empty parts,"
              + " such as runs/<run id>/result.json or plans/<workflow id>/ (see the README).");
    }
  }

  /**
   * Checks, before anything connects, that a file can be created where {@code destination} goes:
   * the nearest existing folder on its way must accept a new file.
   */
  static void checkWritable(Path destination) {
    Path folder = destination.toAbsolutePath().normalize();
    if (!Files.isDirectory(folder)) {
      folder = folder.getParent();
    }
    while (folder != null && !Files.exists(folder)) {
      folder = folder.getParent();
    }
    if (folder == null || !Files.isDirectory(folder)) {
      throw UserError.input(
          "Cannot write to " + destination + ": " + folder + " is not a folder; choose another.");
    }
    try {
      Files.delete(Files.createTempFile(folder, ".repro-fetch-", ".probe"));
    } catch (java.io.IOException | RuntimeException e) {
      throw UserError.input(
          "Cannot write to "
              + destination
              + ": the folder "
              + folder
              + " does not accept new files ("
              + e.getMessage()
              + "); choose another destination.");
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
    }
  }
}
