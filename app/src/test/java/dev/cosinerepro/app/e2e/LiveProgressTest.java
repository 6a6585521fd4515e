package dev.cosinerepro.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cosinerepro.activities.data.DatasetCatalog;
import dev.cosinerepro.activities.training.TrainingActivitiesImpl;
import dev.cosinerepro.app.Offline;
import dev.cosinerepro.app.runtime.LiveRun;
import dev.cosinerepro.app.runtime.PlanMetrics;
import dev.cosinerepro.app.runtime.PlanMetricsPoller;
import dev.cosinerepro.app.runtime.PlanView;
import dev.cosinerepro.app.runtime.ProgressReader;
import dev.cosinerepro.app.runtime.ProgressText;
import dev.cosinerepro.app.runtime.WorkerHost;
import dev.cosinerepro.app.stack.EmbeddedStack;
import dev.cosinerepro.app.stack.StackPorts;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.workflows.TaskQueues;
import dev.cosinerepro.workflows.activity.TrainingActivities;
import dev.cosinerepro.workflows.plan.ReproductionWorkflow;
import dev.cosinerepro.workflows.run.RunWorkflow;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.GroupSummary;
import dev.cosinerepro.workflows.spec.PlanResult;
import dev.cosinerepro.workflows.spec.PlanSpec;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live progress over the wire: the real trainer's per-step heartbeat travels through the Temporal
 * server to {@link ProgressReader} (what {@code repro status}, the progress bar and the web page
 * read) and to the Prometheus series, while the epoch is still in progress. The training activity
 * pauses after step 2 of epoch 1 (of 4 steps) until the test has seen that step.
 */
class LiveProgressTest {
  @TempDir Path home;

  @BeforeAll
  static void offline() {
    Offline.enforce();
  }

  @Test
  void aStepInTheMiddleOfAnEpochReachesStatusAndMetrics() throws Exception {
    FashionMnistFixture.ensure(home);
    DatasetCatalog catalog = FashionMnistFixture.catalog(home);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PlanSpec plan =
        new PlanSpec(
            "live",
            "one run, paused mid-epoch",
            List.of(
                GroupSpec.grid("xent", "quick", TinyPlans.run("xent"), List.of(0.1), List.of(0L))),
            2);
    CountDownLatch seen = new CountDownLatch(1);
    UnaryOperator<TrainingActivities> pauseMidEpoch =
        real ->
            request -> {
              ActivityExecutionContext context = Activity.getExecutionContext();
              return ((TrainingActivitiesImpl) real)
                  .trainChunk(
                      request,
                      beat -> {
                        context.heartbeat(beat);
                        if (beat.epoch() == 0 && beat.step() == 2) {
                          awaitQuietly(seen);
                        }
                      });
            };

    try (EmbeddedStack stack =
            EmbeddedStack.start(home, registry, StackPorts.ephemeral(), Map.of());
        ObjectStore store = ObjectStore.connect(stack.s3Settings())) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporalTarget()).build());
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      try (WorkerHost worker =
          WorkerHost.start(
              client, store, home, registry, TaskQueues.ALL, 1, catalog, pauseMidEpoch)) {
        ReproductionWorkflow workflow =
            client.newWorkflowStub(
                ReproductionWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(TaskQueues.CPU)
                    .setWorkflowId(plan.workflowId())
                    .build());
        WorkflowClient.start(workflow::reproduce, plan);

        ProgressReader reader = new ProgressReader(client);
        PlanView view = awaitStep(reader, plan.workflowId(), Duration.ofSeconds(90));
        LiveRun run = view.runningRuns().get(0);
        assertThat(run.heartbeat().stepsPerEpoch()).isEqualTo(4);
        assertThat(run.epochsDone()).isEqualTo(0.5);
        assertThat(run.progress().completedEpochs()).isZero();
        assertThat(run.heartbeat().imagesPerSecond()).isPositive();
        assertThat(run.secondsLeft()).isPositive();
        assertThat(run.worker()).isNotEmpty();
        assertThat(view.doneEpochs()).isEqualTo(0.5);
        assertThat(view.groups().get(0).summary())
            .as("the group's memo: one run, running, no epochs settled")
            .isEqualTo(new GroupSummary(1, 0, 1, 0, 0, 0, 0, 0));
        assertThat(view.secondsLeft()).isPositive();
        String planSeries = "{plan=\"" + plan.workflowId() + "\"}";
        PrometheusMeterRegistry polled = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (PlanMetricsPoller poller =
            PlanMetricsPoller.start(
                reader,
                () -> List.of("plan-unknown", plan.workflowId()),
                new PlanMetrics(polled),
                Duration.ofMillis(100))) {
          awaitSeries(polled, "repro_plan_eta_seconds" + planSeries, Duration.ofSeconds(30));
        }
        assertThat(gaugeValue(polled.scrape(), "repro_plan_eta_seconds" + planSeries))
            .as("the ETA as `repro up` exports it while the run is paused mid-epoch")
            .isPositive();
        new PlanMetrics(registry).record(view);
        assertThat(gaugeValue(registry.scrape(), "repro_plan_eta_seconds" + planSeries))
            .isCloseTo(view.secondsLeft(), within(1e-6 * view.secondsLeft()));
        assertThat(gaugeValue(registry.scrape(), "repro_plan_epochs_remaining" + planSeries))
            .isEqualTo(plan.totalEpochs() - 0.5);
        assertThat(gaugeValue(registry.scrape(), "repro_plan_epochs_planned" + planSeries))
            .isEqualTo((double) plan.totalEpochs());
        assertThat(ProgressText.runLine(run))
            .contains("epoch 1 step 2/4 loss ")
            .contains(" img/s")
            .contains("ETA ");
        assertThat(registry.scrape())
            .contains("repro_training_epoch_progress{")
            .containsPattern("repro_training_epoch_progress\\{[^}]*} 0\\.5")
            .containsPattern("repro_training_eta_seconds\\{[^}]*} [0-9]");

        seen.countDown();
        PlanResult result =
            client.newUntypedWorkflowStub(plan.workflowId()).getResult(PlanResult.class);
        assertThat(result.failures()).isEmpty();
        LiveRun finished = reader.run(RunWorkflow.workflowId(run.progress().runId()));
        assertThat(finished.training()).isFalse();
        assertThat(finished.epochsDone()).isEqualTo(2.0);
      } finally {
        seen.countDown();
        stubs.shutdownNow();
      }
    }
  }

  private static void awaitSeries(PrometheusMeterRegistry registry, String series, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (registry.scrape().lines().noneMatch(line -> line.startsWith(series + " "))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no series " + series + " in " + limit);
      }
      Thread.sleep(100);
    }
  }

  /** The value of one series in a Prometheus scrape. */
  private static double gaugeValue(String scrape, String series) {
    return scrape
        .lines()
        .filter(line -> line.startsWith(series + " "))
        .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no series " + series + " in\n" + scrape));
  }

  private static PlanView awaitStep(ProgressReader reader, String planId, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<PlanView> view = tryRead(reader, planId);
      if (view.isPresent()
          && view.get().runningRuns().stream()
              .anyMatch(run -> run.training() && run.heartbeat().step() == 2)) {
        return view.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no heartbeat of step 2 reached the status reader in " + limit);
  }

  private static Optional<PlanView> tryRead(ProgressReader reader, String planId) {
    try {
      return Optional.of(reader.plan(planId));
    } catch (RuntimeException notStartedYet) {
      return Optional.empty();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
