package dev.cosinerepro.app.cli;

import dev.cosinerepro.activities.data.DatasetCatalog;
import dev.cosinerepro.app.exit.ExitCodes;
import dev.cosinerepro.app.exit.UserError;
import dev.cosinerepro.app.runtime.ConnectionSettings;
import dev.cosinerepro.app.runtime.GracefulStop;
import dev.cosinerepro.app.runtime.Services;
import dev.cosinerepro.app.runtime.WorkerHost;
import dev.cosinerepro.app.stack.MetricsServer;
import dev.cosinerepro.app.stack.StackPorts;
import dev.cosinerepro.workflows.TaskQueues;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code repro worker}: serve task queues against external servers. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description =
        "Serves task queues for a Temporal cluster and an S3 store (MinIO), e.g. a GPU machine with"
            + " --queues gpu. Runs until interrupted.")
final class WorkerCommand extends EnvironmentCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;

  @Option(
      names = "--queues",
      split = ",",
      defaultValue = "cpu,gpu",
      description = "Task queues to serve: cpu, gpu or both. Default: ${DEFAULT-VALUE}.")
  List<String> queues;

  @Option(
      names = "--training-slots",
      defaultValue = "1",
      description = "Training activities run at once. Default: ${DEFAULT-VALUE}.")
  int trainingSlots;

  @Option(
      names = "--metrics-port",
      defaultValue = "9464",
      description =
          "Port of the Prometheus endpoint on 127.0.0.1 (0: any free port). Default: ${DEFAULT-VALUE}.")
  int metricsPort;

  @Option(
      names = "--metrics-host",
      defaultValue = "${env:REPRO_METRICS_HOST:-127.0.0.1}",
      description =
          "Address the Prometheus endpoint binds (env REPRO_METRICS_HOST): 0.0.0.0 inside a"
              + " container. Default: ${DEFAULT-VALUE}.")
  String metricsHost;

  @Option(
      names = "--identity",
      defaultValue = "${env:REPRO_WORKER_IDENTITY}",
      description =
          "The worker's identity in Temporal and in each run's chunk timings and report (env"
              + " REPRO_WORKER_IDENTITY). Default: pid@host.")
  String identity;

  /** Released to stop the command (by a test, or by the shutdown hook). */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws InterruptedException {
    for (String queue : queues) {
      if (!TaskQueues.ALL.contains(queue)) {
        throw UserError.input(
            "The task queue '"
                + queue
                + "' is not known: use "
                + String.join(", ", TaskQueues.ALL)
                + ".");
      }
    }
    if (trainingSlots < 1) {
      throw UserError.input("--training-slots must be at least 1.");
    }
    ConnectionSettings settings = connection.settings(env());
    if (!settings.external()) {
      throw UserError.input(
          "A worker needs external services: pass --temporal HOST:PORT and --s3 URL"
              + " (or use `repro up`, which has its own worker).");
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PrintWriter out = spec.commandLine().getOut();
    try (Services services = Services.open(settings, registry, StackPorts.ephemeral(), false);
        MetricsServer metrics = MetricsServer.start(registry, metricsHost, metricsPort);
        WorkerHost worker =
            WorkerHost.start(
                services.client(),
                services.store(),
                settings.dataHome(),
                registry,
                queues,
                trainingSlots,
                DatasetCatalog.standard(settings.dataHome(), true),
                UnaryOperator.identity(),
                identity)) {
      Runnable stopWorker = worker::close;
      GracefulStop.onSignal(stopWorker);
      out.println(
          "Worker serving "
              + String.join(", ", worker.queues())
              + " as "
              + worker.identity()
              + " on "
              + services.temporalTarget()
              + "; store "
              + services.store().endpoint()
              + " bucket "
              + services.store().bucket()
              + "; metrics "
              + metrics.url());
      out.flush();
      try {
        stop.await();
      } finally {
        GracefulStop.remove(stopWorker);
      }
      return ExitCodes.OK;
    }
  }
}
