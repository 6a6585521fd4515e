package dev.cosinerepro.app.cli;

import dev.cosinerepro.activities.report.ReportActivitiesImpl;
import dev.cosinerepro.app.exit.ExitCodes;
import dev.cosinerepro.app.exit.UserError;
import dev.cosinerepro.app.runtime.Services;
import dev.cosinerepro.app.stack.StackPorts;
import dev.cosinerepro.storage.Json;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.StorageException;
import dev.cosinerepro.storage.StoreKeys;
import dev.cosinerepro.workflows.spec.ReportRef;
import dev.cosinerepro.workflows.spec.ReportRequest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code repro report ID [--out DIR]}: rebuilds a reproduction's report from its stored outcomes
 * ({@code plans/<ID>/outcomes.json}) and the stored run results, with the same code the workflow
 * uses, and prints its main tables.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Rebuilds the report of a reproduction from plans/<ID>/outcomes.json and the stored run"
          + " results, rewrites it in the store (report.md, report.csv, report.json, PNG charts)"
          + " and prints its main tables in Markdown.",
      "With --out, also copies the report files into DIR, replacing files of the same name.",
      "With --open, writes report.html (one self-contained page) to a local file and prints its"
          + " path: DIR with --out, else <data folder>/reports/<ID>/."
    })
final class ReportCommand extends EnvironmentCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "ID",
      description = "Workflow id of the reproduction, e.g. plan-quick-1a2b3c4d.")
  String id;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Folder to copy the report files into (created if missing).")
  Path out;

  @Option(
      names = "--open",
      description = "Write report.html to a local file and print its path, to open in a browser.")
  boolean open;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    String key;
    try {
      key = StoreKeys.report(id, ReportActivitiesImpl.OUTCOMES);
    } catch (IllegalArgumentException e) {
      throw UserError.input(e.getMessage());
    }
    PrintWriter printer = spec.commandLine().getOut();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Services services =
        Services.open(connection.settings(env()), registry, StackPorts.ephemeral(), true)) {
      ObjectStore store = services.store();
      ReportRef ref;
      try {
        ReportRequest request = read(store, key);
        ref =
            new ReportActivitiesImpl(store)
                .write(new ReportRequest(id, request.plan(), request.groups()));
      } catch (StorageException e) {
        throw UserError.service(e.getMessage());
      }
      printer.print(ref.markdown());
      printer.println();
      for (String each : ref.keys()) {
        if (out == null) {
          printer.println("report: " + each);
        } else {
          printer.println(each + " -> " + copy(store, each));
        }
      }
      if (open) {
        Path folder = out != null ? out : connection.dataHome().resolve("reports").resolve(id);
        String html = StoreKeys.report(id, ReportActivitiesImpl.HTML);
        Path file = write(folder, html, store.get(html).orElseThrow());
        printer.println("report.html: " + file.toAbsolutePath());
      }
      printer.flush();
      return ExitCodes.OK;
    }
  }

  private ReportRequest read(ObjectStore store, String key) {
    Optional<byte[]> json = store.get(key);
    if (json.isEmpty()) {
      throw UserError.input(
          "No object '"
              + key
              + "' in bucket "
              + store.bucket()
              + ": check the id (a reproduction writes it when its report is first written).");
    }
    try {
      return Json.read(json.get(), ReportRequest.class);
    } catch (IllegalArgumentException e) {
      throw UserError.input("The object '" + key + "' cannot be read: " + e.getMessage());
    }
  }

  private Path copy(ObjectStore store, String key) {
    return write(out, key, store.get(key).orElseThrow());
  }

  private static Path write(Path folder, String key, byte[] data) {
    Path target = folder.resolve(key.substring(key.lastIndexOf('/') + 1));
    try {
      Files.createDirectories(folder);
      Files.write(target, data);
    } catch (IOException e) {
      throw UserError.input(
          "Cannot write "
              + target
              + " ("
              + e.getMessage()
              + "): choose another folder with --out.");
    }
    return target;
  }
}
