package dev.cosinerepro.app.cli;

import dev.cosinerepro.app.exit.ExitCodes;
import dev.cosinerepro.app.exit.UserError;
import dev.cosinerepro.app.runtime.GracefulStop;
import dev.cosinerepro.app.runtime.PlanMetrics;
import dev.cosinerepro.app.runtime.PlanMetricsPoller;
import dev.cosinerepro.app.runtime.PlanRunner;
import dev.cosinerepro.app.runtime.ProgressReader;
import dev.cosinerepro.app.runtime.StackFile;
import dev.cosinerepro.app.runtime.TemporalMetrics;
import dev.cosinerepro.app.runtime.WorkerHost;
import dev.cosinerepro.app.stack.EmbeddedStack;
import dev.cosinerepro.app.stack.StackException;
import dev.cosinerepro.app.stack.StackPorts;
import dev.cosinerepro.app.web.LivePageServer;
import dev.cosinerepro.app.web.LiveStatus;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.StorageException;
import dev.cosinerepro.workflows.TaskQueues;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code repro up}: the embedded stack and one worker, until interrupted. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the embedded stack (Temporal test server, S3-compatible store, Prometheus endpoint) on"
          + " 127.0.0.1 plus one worker serving every task queue and a read-only live page (progress,"
          + " live curves, failures, finished reports), prints the endpoints and runs until"
          + " interrupted.",
      "Other repro commands on this machine find it through the data folder."
    })
final class UpCommand extends EnvironmentCommand implements Callable<Integer> {
  /**
   * How often the plan series (ETA, epochs remaining) of the last plan started here are renewed.
   */
  private static final Duration PLAN_METRICS_EVERY = Duration.ofSeconds(10);

  @Option(
      names = "--temporal-port",
      defaultValue = "7233",
      description = "Default: ${DEFAULT-VALUE}.")
  int temporalPort;

  @Option(names = "--s3-port", defaultValue = "9000", description = "Default: ${DEFAULT-VALUE}.")
  int s3Port;

  @Option(
      names = "--metrics-port",
      defaultValue = "9464",
      description = "Default: ${DEFAULT-VALUE}.")
  int metricsPort;

  @Option(
      names = "--page-port",
      defaultValue = "9465",
      description = "Port of the read-only live page (0: a free one). Default: ${DEFAULT-VALUE}.")
  int pagePort;

  @picocli.CommandLine.Mixin DataHomeOption dataHome;

  @Option(
      names = "--training-slots",
      defaultValue = "1",
      description = "Training activities run at once. Default: ${DEFAULT-VALUE}.")
  int trainingSlots;

  /** Released to stop the command (by a test, or by the shutdown hook). */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws InterruptedException {
    checkPort("--temporal-port", temporalPort);
    checkPort("--s3-port", s3Port);
    checkPort("--metrics-port", metricsPort);
    StackPorts ports = new StackPorts(temporalPort, s3Port, metricsPort);
    Path home = dataHome.dataHome();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PrintWriter out = spec.commandLine().getOut();
    if (StackFile.readLive(home).isPresent()) {
      throw UserError.input(
          "A `repro up` is already running for the data folder " + home + ": stop it first.");
    }
    EmbeddedStack stack;
    try {
      stack = EmbeddedStack.start(home, registry, ports, env());
    } catch (StorageException | StackException e) {
      throw UserError.service(e.getMessage());
    }
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(stack.temporalTarget())
                .setMetricsScope(TemporalMetrics.scope(registry))
                .build());
    ObjectStore store = ObjectStore.connect(stack.s3Settings());
    WorkerHost worker =
        WorkerHost.start(
            WorkflowClient.newInstance(stubs),
            store,
            home,
            registry,
            TaskQueues.ALL,
            trainingSlots);
    LivePageServer page;
    try {
      page =
          LivePageServer.start(
              new LiveStatus(
                  WorkflowClient.newInstance(stubs), store, () -> PlanRunner.lastPlan(home)),
              store,
              pagePort);
    } catch (StackException e) {
      worker.close();
      store.close();
      stubs.shutdownNow();
      stack.close();
      throw UserError.service(e.getMessage());
    }
    PlanMetricsPoller planMetrics =
        PlanMetricsPoller.start(
            new ProgressReader(WorkflowClient.newInstance(stubs)),
            () -> PlanRunner.lastPlan(home),
            new PlanMetrics(registry),
            PLAN_METRICS_EVERY);
    Runnable stopWorker =
        () -> {
          worker.close();
          StackFile.removeOwn(home);
        };
    GracefulStop.onSignal(stopWorker);
    try {
      new StackFile(
              ProcessHandle.current().pid(),
              stack.temporalTarget(),
              stack.s3Settings().endpoint(),
              stack.s3Settings().bucket(),
              stack.metricsUrl())
          .write(home);
      out.println(
          "Temporal target  "
              + stack.temporalTarget()
              + "  (namespace default; no authentication: anyone who can reach this address"
              + " can start and stop workflows, so it listens on 127.0.0.1 only)");
      out.println("S3 endpoint      " + stack.s3Settings().endpoint());
      out.println("S3 bucket        " + stack.s3Settings().bucket());
      out.println(
          "S3 credentials   "
              + home.resolve("credentials")
              + "  (or REPRO_S3_ACCESS_KEY/SECRET_KEY)");
      out.println("Metrics          " + stack.metricsUrl());
      out.println("Live page        " + page.url());
      out.println("Task queues      " + String.join(", ", worker.queues()));
      out.println("Data folder      " + home);
      out.println("Running until interrupted (Ctrl-C).");
      out.flush();
      stop.await();
      return ExitCodes.OK;
    } catch (IOException e) {
      throw UserError.input(
          "Cannot write to the data folder " + home + ": " + e.getMessage() + ".");
    } finally {
      StackFile.removeOwn(home);
      planMetrics.close();
      page.close();
      worker.close();
      store.close();
      stubs.shutdownNow();
      stack.close();
      GracefulStop.remove(stopWorker);
    }
  }

  private static void checkPort(String option, int port) {
    if (port < 0 || port > 65535) {
      throw UserError.input(
          option + " " + port + " is out of range: use 1 to 65535, or 0 for a free port.");
    }
  }
}
