package dev.cosinerepro.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.activities.data.DatasetCatalog;
import dev.cosinerepro.app.Offline;
import dev.cosinerepro.app.runtime.WorkerHost;
import dev.cosinerepro.app.stack.EmbeddedStack;
import dev.cosinerepro.app.stack.StackPorts;
import dev.cosinerepro.storage.Json;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.StoreKeys;
import dev.cosinerepro.workflows.TaskQueues;
import dev.cosinerepro.workflows.activity.TrainingActivities;
import dev.cosinerepro.workflows.plan.ReproductionWorkflow;
import dev.cosinerepro.workflows.spec.ChunkResult;
import dev.cosinerepro.workflows.spec.EpochRecord;
import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.PlanResult;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RateOutcome;
import dev.cosinerepro.workflows.spec.RunResult;
import dev.cosinerepro.workflows.spec.RunSpec;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on the embedded stack: a tiny plan (k = 5, two epochs, two losses) as a real
 * workflow on the Temporal test server over gRPC, data and results in the S3 store, read back
 * through the MinIO client, and the training series on the Prometheus endpoint. Trains on the real
 * Fashion-MNIST when it is installed, otherwise on a stand-in in the IDX layout.
 */
class EndToEndTest {
  @TempDir Path home;

  @BeforeAll
  static void offline() {
    Offline.enforce();
  }

  @Test
  void aTinyPlanRunsToItsReportAndLeavesEveryArtifactInTheStore() throws Exception {
    FashionMnistFixture.ensure(home);
    DatasetCatalog catalog = FashionMnistFixture.catalog(home);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PlanSpec plan = TinyPlans.twoLosses();

    try (EmbeddedStack stack =
            EmbeddedStack.start(home, registry, StackPorts.ephemeral(), Map.of());
        ObjectStore store = ObjectStore.connect(stack.s3Settings())) {
      assertThat(stack.temporalTarget()).startsWith("127.0.0.1:");
      assertThat(stack.s3Settings().endpoint()).startsWith("http://127.0.0.1:");
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporalTarget()).build());
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      AtomicInteger attempts = new AtomicInteger();
      // The first training chunk trains and checkpoints, then "crashes": the retry must find the
      // checkpoint and resume from it instead of training the epoch again.
      UnaryOperator<TrainingActivities> crashOnce =
          real ->
              request -> {
                ChunkResult chunk = real.train(request);
                if (attempts.getAndIncrement() == 0) {
                  throw new IllegalStateException("simulated worker crash after a checkpoint");
                }
                return chunk;
              };
      try (WorkerHost worker =
          WorkerHost.start(client, store, home, registry, TaskQueues.ALL, 1, catalog, crashOnce)) {
        ReproductionWorkflow workflow =
            client.newWorkflowStub(
                ReproductionWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(TaskQueues.CPU)
                    .setWorkflowId(plan.workflowId())
                    .build());
        PlanResult result = workflow.reproduce(plan);

        WorkflowExecutionStatus status =
            stubs
                .blockingStub()
                .describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace("default")
                        .setExecution(
                            io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                                .setWorkflowId(plan.workflowId()))
                        .build())
                .getWorkflowExecutionInfo()
                .getStatus();
        assertThat(status).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
        assertThat(result.failures()).isEmpty();
        // 3 runs x 2 one-epoch chunks, plus the retry of the crashed one
        assertThat(attempts.get()).isEqualTo(7);
        assertThat(result.groups())
            .extracting(GroupOutcome::chosenLearningRate)
            .containsExactly(0.1, 0.05, 0.05);
        assertThat(store.list("embeddings/")).singleElement().asString().endsWith(".bin");

        for (RunSpec spec : plan.knownRuns()) {
          String runId = spec.id();
          RunResult stored =
              Json.read(store.get(StoreKeys.runResult(runId)).orElseThrow(), RunResult.class);
          assertThat(stored.spec()).isEqualTo(spec);
          assertThat(stored.epochs()).isEqualTo(2);
          assertThat(stored.finalTestAccuracy()).isBetween(0.0, 1.0);
          assertThat(stored.bestTestAccuracy()).isGreaterThanOrEqualTo(stored.finalTestAccuracy());
          assertThat(
                  new String(
                      store.get(StoreKeys.runSpec(runId)).orElseThrow(), StandardCharsets.UTF_8))
              .isEqualTo(spec.canonical());
          List<String> metricLines =
              new String(
                      store.get(StoreKeys.metricsLog(runId)).orElseThrow(), StandardCharsets.UTF_8)
                  .lines()
                  .toList();
          assertThat(metricLines).hasSize(2);
          EpochRecord last =
              Json.read(metricLines.get(1).getBytes(StandardCharsets.UTF_8), EpochRecord.class);
          assertThat(last.epoch()).isEqualTo(1);
          assertThat(last.testAccuracy()).isEqualTo(stored.finalTestAccuracy());
          assertThat(store.exists(StoreKeys.checkpointManifest(runId, 1))).isTrue();
          assertThat(
                  Json.read(metricLines.get(0).getBytes(StandardCharsets.UTF_8), EpochRecord.class)
                      .testAccuracy())
              .isNull();
          assertThat(store.exists(StoreKeys.checkpointData(runId, 2))).isTrue();
          assertThat(store.exists(StoreKeys.checkpointManifest(runId, 2))).isTrue();
        }

        String markdown =
            new String(
                store.get(StoreKeys.report(plan.workflowId(), "report.md")).orElseThrow(),
                StandardCharsets.UTF_8);
        assertThat(markdown)
            .contains("k=5")
            .contains("| fashion-mnist | softmax + cross-entropy | resnet8 |")
            .contains("| fashion-mnist | cosine loss (semantic embeddings) | resnet8 |");
        String csv =
            new String(
                store.get(StoreKeys.report(plan.workflowId(), "report.csv")).orElseThrow(),
                StandardCharsets.UTF_8);
        assertThat(csv.lines()).hasSizeGreaterThan(3);
        assertThat(result.report().keys())
            .contains(StoreKeys.report(plan.workflowId(), "outcomes.json"))
            .contains(StoreKeys.report(plan.workflowId(), "report.md"));

        HttpResponse<String> scrape =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(stack.metricsUrl())).build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        String firstRun = plan.knownRuns().get(0).id();
        assertThat(scrape.body())
            .contains("repro_training_loss{")
            .contains("repro_test_accuracy{")
            .contains("repro_training_images_total{")
            .contains("run=\"" + firstRun + "\"");

        // The same plan again: every run is skipped, nothing is trained, the stored results are
        // untouched.
        byte[] resultBefore = store.get(StoreKeys.runResult(firstRun)).orElseThrow();
        PlanResult again =
            client
                .newWorkflowStub(
                    ReproductionWorkflow.class,
                    WorkflowOptions.newBuilder()
                        .setTaskQueue(TaskQueues.CPU)
                        .setWorkflowId(plan.workflowId() + "-again")
                        .build())
                .reproduce(plan);
        assertThat(again.groups())
            .flatExtracting(GroupOutcome::rates)
            .extracting(RateOutcome::finishedRuns)
            .containsExactly(1, 1, 1);
        assertThat(store.list(StoreKeys.checkpointsPrefix(firstRun)))
            .as("the second reproduction trained nothing")
            .hasSize(4);
        assertThat(store.get(StoreKeys.runResult(firstRun)).orElseThrow()).isEqualTo(resultBefore);
      } finally {
        stubs.shutdownNow();
      }
    }
  }
}
