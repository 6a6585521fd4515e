package dev.cosinerepro.app.runtime;

import dev.cosinerepro.activities.data.DatasetCatalog;
import dev.cosinerepro.activities.recipe.PlanChecks;
import dev.cosinerepro.app.exit.ExitCodes;
import dev.cosinerepro.app.exit.UserError;
import dev.cosinerepro.app.stack.StackPorts;
import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.catalog.DatasetFacts;
import dev.cosinerepro.datasets.catalog.DatasetRegistry;
import dev.cosinerepro.workflows.TaskQueues;
import dev.cosinerepro.workflows.plan.ReproductionWorkflow;
import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.PlanResult;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RateOutcome;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Starts a plan and follows it to its report: the shared body of {@code repro quickstart} and
 * {@code repro reproduce}.
 */
public final class PlanRunner {
  private static final String LAST_PLAN = "last-plan";

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean interactive;

  /**
   * Creates a runner.
   *
   * @param out where the results table goes
   * @param err where endpoints and progress go
   * @param interactive whether to draw a progress bar
   */
  public PlanRunner(PrintWriter out, PrintWriter err, boolean interactive) {
    this.out = out;
    this.err = err;
    this.interactive = interactive;
  }

  /**
   * Runs a plan.
   *
   * @param plan the plan
   * @param settings where the services are
   * @param detach start the plan and return without following it
   * @return the exit code
   */
  public int run(PlanSpec plan, ConnectionSettings settings, boolean detach)
      throws InterruptedException {
    try {
      PlanChecks.validate(plan);
    } catch (IllegalArgumentException e) {
      throw UserError.input(e.getMessage());
    }
    if (!settings.external() && StackFile.readLive(settings.dataHome()).isEmpty()) {
      preflight(
          plan, settings.dataHome()); // the worker will be this process: check before starting
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Services services = Services.open(settings, registry, StackPorts.ephemeral(), true)) {
      if (detach && services.embedded().isPresent()) {
        throw UserError.input(
            "--detach needs a running `repro up` or external services (--temporal and --s3):"
                + " an embedded stack started for this command stops with it.");
      }
      WorkerHost worker = null;
      if (services.embedded().isPresent()) {
        worker =
            WorkerHost.start(
                services.client(),
                services.store(),
                settings.dataHome(),
                registry,
                TaskQueues.ALL,
                1);
      }
      WorkerHost started = worker;
      Runnable stopWorker = started == null ? () -> {} : started::close;
      GracefulStop.onSignal(stopWorker);
      try {
        return runOn(services, plan, settings.dataHome(), detach, new PlanMetrics(registry));
      } finally {
        GracefulStop.remove(stopWorker);
        if (worker != null) {
          worker.close();
        }
      }
    }
  }

  /**
   * Finds (or downloads) every dataset of the plan before starting, when the worker is this
   * process. Datasets the user must supply (NABirds, Cars) are checked first, so a missing one is
   * reported before any download starts.
   */
  private static void preflight(PlanSpec plan, Path dataHome) {
    DatasetCatalog catalog = DatasetCatalog.standard(dataHome, true);
    plan.groups().stream()
        .map(group -> group.template().dataset())
        .distinct()
        .sorted(
            Comparator.comparing(
                (String dataset) ->
                    !DatasetRegistry.facts(dataset).map(DatasetFacts::userSupplied).orElse(false)))
        .forEach(
            dataset -> {
              try {
                catalog.check(dataset);
              } catch (DatasetException e) {
                throw UserError.input(e.getMessage());
              }
            });
  }

  private int runOn(
      Services services, PlanSpec plan, Path dataHome, boolean detach, PlanMetrics metrics)
      throws InterruptedException {
    err.println(
        "Temporal "
            + services.temporalTarget()
            + " | S3 "
            + services.store().endpoint()
            + " bucket "
            + services.store().bucket()
            + (services.metricsUrl() == null ? "" : " | metrics " + services.metricsUrl()));
    String workflowId = start(services.client(), plan);
    rememberLastPlan(dataHome, workflowId);
    err.println(
        "Plan '"
            + plan.name()
            + "': "
            + plan.groups().size()
            + " groups, "
            + plan.totalEpochs()
            + " epochs; workflow "
            + workflowId);
    err.flush();
    if (detach) {
      out.println(workflowId);
      return ExitCodes.OK;
    }
    PlanResult result;
    try {
      result = new PlanFollower(services.client(), err, interactive, metrics).follow(workflowId);
    } catch (ExecutionException e) {
      throw UserError.service(
          "The reproduction " + workflowId + " failed: " + rootMessage(e) + ".");
    }
    out.println(result.report().markdown());
    out.println("Artifacts in bucket '" + services.store().bucket() + "':");
    for (String key : result.report().keys()) {
      out.println("  " + key);
    }
    out.println("  runs/<run id>/  (spec, checkpoints, metrics, result) for the runs:");
    for (GroupOutcome group : result.groups()) {
      for (RateOutcome rate : group.rates()) {
        out.println(
            "    "
                + String.join(" ", rate.runIds())
                + "  "
                + group.name()
                + " lr="
                + rate.learningRate());
      }
    }
    for (String failure : result.failures()) {
      out.println("Failed: " + failure);
    }
    if (plan.rehearsed()) {
      printRehearsalVerdict(result);
    }
    out.println("Fetch any of them with: ./repro fetch KEY DEST");
    out.flush();
    return result.failures().isEmpty() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
  }

  /** What a rehearsal found: every group that failed, with its reason, or that none did. */
  private void printRehearsalVerdict(PlanResult result) {
    List<String> failed = new java.util.ArrayList<>();
    for (GroupOutcome group : result.groups()) {
      if (group.failures() != null && !group.failures().isEmpty()) {
        failed.add(group.name() + ": " + group.failures().get(0).strip().replaceAll("\\s+", " "));
      } else if (group.chosenLearningRate() == null) {
        failed.add(group.name() + ": no rate produced a result");
      }
    }
    if (failed.isEmpty()) {
      out.println(
          "Rehearsal passed: every one of the "
              + result.groups().size()
              + " groups produced a result.");
    } else {
      out.println(
          "Rehearsal found "
              + failed.size()
              + " of "
              + result.groups().size()
              + " groups failing; fix these before spending GPU time:");
      failed.forEach(line -> out.println("  " + line));
    }
  }

  /** Starts the reproduction, or attaches to it when the same plan is already running. */
  static String start(WorkflowClient client, PlanSpec plan) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(plan.workflowId())
            .setTaskQueue(TaskQueues.CPU)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .build();
    ReproductionWorkflow workflow = client.newWorkflowStub(ReproductionWorkflow.class, options);
    try {
      WorkflowClient.start(workflow::reproduce, plan);
    } catch (WorkflowExecutionAlreadyStarted alreadyRunning) {
      // The same plan is running: follow it instead of starting it twice.
    }
    return plan.workflowId();
  }

  private static void rememberLastPlan(Path dataHome, String workflowId) {
    try {
      Files.createDirectories(dataHome);
      Files.writeString(dataHome.resolve(LAST_PLAN), workflowId + "\n", StandardCharsets.UTF_8);
    } catch (IOException ignored) {
      // Only a convenience for `repro status` without an id.
    }
  }

  /** The workflow id of the plan this data folder last started, if any. */
  public static List<String> lastPlan(Path dataHome) {
    try {
      return List.of(Files.readString(dataHome.resolve(LAST_PLAN), StandardCharsets.UTF_8).trim());
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String rootMessage(Throwable failure) {
    Throwable current = failure;
    while (current.getCause() != null) {
      current = current.getCause();
    }
    return current.getMessage();
  }
}
