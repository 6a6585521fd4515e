package dev.cosinerepro.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.activities.ledger.RunRecord;
import dev.cosinerepro.app.Offline;
import dev.cosinerepro.app.runtime.PlanView;
import dev.cosinerepro.app.runtime.ProgressReader;
import dev.cosinerepro.app.runtime.WorkerHost;
import dev.cosinerepro.app.stack.EmbeddedS3;
import dev.cosinerepro.app.stack.EmbeddedTemporal;
import dev.cosinerepro.app.stack.S3Credentials;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.S3Settings;
import dev.cosinerepro.storage.StoreKeys;
import dev.cosinerepro.workflows.TaskQueues;
import dev.cosinerepro.workflows.activity.TrainingActivities;
import dev.cosinerepro.workflows.plan.ReproductionWorkflow;
import dev.cosinerepro.workflows.spec.ChunkResult;
import dev.cosinerepro.workflows.spec.EpochRecord;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanResult;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.RunTemplate;
import dev.cosinerepro.workflows.spec.ScheduleRecipe;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan of 1,000 one-epoch runs (10 groups of 10 rates x 10 seeds) on the embedded Temporal server
 * and S3 store, with the real workflows, data activities, ledger and report, and a fake training
 * activity that commits a tiny checkpoint through {@link RunRecord} at once. Prints wall time,
 * orchestration overhead per run, the largest histories and the JVM's peak heap, and asks for the
 * plan's progress (what {@code repro status} does) 20 times at once while it runs.
 */
@Tag("load")
@EnabledIfSystemProperty(
    named = "load",
    matches = "true",
    disabledReason = "the 1,000-run load test (about 2 minutes): run with -Dload=true")
class LoadTest {
  static final int GROUPS = 10;
  static final int RATES = 10;
  static final int SEEDS = 10;

  @TempDir Path home;

  @BeforeAll
  static void offline() {
    Offline.enforce();
  }

  /** The slowest of 20 concurrent calls, seconds. */
  private static double slowestOfTwenty(java.util.function.Consumer<Integer> call)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<Callable<Double>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int index = i;
      calls.add(
          () -> {
            long t = System.nanoTime();
            call.accept(index);
            return (System.nanoTime() - t) / 1e9;
          });
    }
    double slowest = 0;
    for (Future<Double> answer : pool.invokeAll(calls)) {
      slowest = Math.max(slowest, answer.get());
    }
    pool.shutdown();
    return slowest;
  }

  private static void describe(WorkflowClient client, String workflowId) {
    client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(
                    io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                        .setWorkflowId(workflowId))
                .build());
  }

  @Test
  void aThousandRunPlanFinishesAndStatusAnswersWithinASecondWhileItRuns() throws Exception {
    FaultPlans.ensureData(home);
    S3Credentials keys = new S3Credentials("LOADACCESS", "load-secret-key-0123");
    List<GroupSpec> groups = new ArrayList<>();
    List<Double> rates = new ArrayList<>();
    List<Long> seeds = new ArrayList<>();
    for (int r = 0; r < RATES; r++) {
      rates.add(0.01 * (r + 1));
    }
    for (long s = 0; s < SEEDS; s++) {
      seeds.add(s);
    }
    for (int g = 0; g < GROUPS; g++) {
      RunTemplate template =
          RunTemplate.builder()
              .setDataset("fashion-mnist")
              .optSamplesPerClass(5 + g)
              .optSubsetRepeats(1)
              .setArchitecture("resnet8")
              .setLoss("xent")
              .setBatchSize(25)
              .optSchedule(ScheduleRecipe.sgdr(1, 1))
              .optEvalEvery(1)
              .build();
      groups.add(GroupSpec.grid("g" + g, "load", template, rates, seeds));
    }
    PlanSpec plan = new PlanSpec("load", "1,000 runs", groups, 1);
    assertThat(plan.knownRuns()).hasSize(GROUPS * RATES * SEEDS);
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    AtomicInteger trained = new AtomicInteger();
    try (EmbeddedS3 s3 = EmbeddedS3.start(home.resolve("s3"), keys, 0);
        ObjectStore store =
            ObjectStore.connect(
                new S3Settings(s3.endpoint(), keys.accessKey(), keys.secretKey(), "repro"));
        EmbeddedTemporal temporal = EmbeddedTemporal.start(0)) {
      UnaryOperator<TrainingActivities> fake =
          real ->
              request -> {
                RunSpec spec = request.spec();
                RunRecord record = RunRecord.of(store, spec);
                RunRecord.Chunk chunk =
                    record.beginChunk(request.untilEpoch(), 1, home.resolve("scratch"));
                if (!chunk.hasWork()) {
                  return new ChunkResult(chunk.from(), List.of());
                }
                chunk.trainingStarts();
                for (int e = chunk.from(); e < chunk.until(); e++) {
                  double accuracy = 0.5 + 0.01 * Math.abs(spec.id().hashCode() % 40);
                  chunk.commitEpoch(
                      new EpochRecord(e, 0.1, 1.0, accuracy, accuracy, 0.001, 1000),
                      out ->
                          out.write(spec.id().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                  trained.incrementAndGet();
                }
                chunk.finish();
                return new ChunkResult(chunk.until(), chunk.committed());
              };
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      try (WorkerHost worker =
          WorkerHost.start(
              client,
              store,
              home,
              new SimpleMeterRegistry(),
              TaskQueues.ALL,
              8,
              FaultPlans.catalog(home),
              fake)) {
        long started = System.nanoTime();
        ReproductionWorkflow workflow =
            client.newWorkflowStub(
                ReproductionWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(TaskQueues.CPU)
                    .setWorkflowId(plan.workflowId())
                    .build());
        CompletableFuture<PlanResult> running = WorkflowClient.execute(workflow::reproduce, plan);
        while (trained.get() < plan.knownRuns().size() / 4 && !running.isDone()) {
          Thread.sleep(200);
        }
        ProgressReader reader = new ProgressReader(client);
        // The first call in a JVM loads and initialises the reader's classes (the memo's JSON
        // binding above all), as every `repro status` process does once: timed on its own.
        long cold = System.nanoTime();
        reader.plan(plan.workflowId());
        double coldSeconds = (System.nanoTime() - cold) / 1e9;
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<Double>> queries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          queries.add(
              () -> {
                long t = System.nanoTime();
                PlanView view = reader.plan(plan.workflowId());
                double took = (System.nanoTime() - t) / 1e9;
                assertThat(view.totalEpochs()).isEqualTo(plan.knownRuns().size());
                return took;
              });
        }
        int trainedAtQuery = trained.get();
        List<Double> seconds = new ArrayList<>();
        for (Future<Double> answer : pool.invokeAll(queries)) {
          seconds.add(answer.get());
        }
        pool.shutdown();
        int trainedAfterQueries = trained.get();
        for (String target :
            List.of(
                plan.workflowId(),
                plan.workflowId() + "/g5",
                "run-" + plan.knownRuns().get(999).id())) {
          System.out.printf(
              "LoadTest: 20 concurrent describes of %s: slowest %.3f s%n",
              target, slowestOfTwenty(pool20 -> describe(client, target)));
        }
        long alone = System.nanoTime();
        reader.plan(plan.workflowId());
        double aloneSeconds = (System.nanoTime() - alone) / 1e9;
        PlanResult result = running.get(9, TimeUnit.MINUTES);
        double wall = (System.nanoTime() - started) / 1e9;
        assertThat(result.failures()).isEmpty();
        assertThat(trained.get()).isEqualTo(plan.knownRuns().size());
        for (RunSpec spec : List.of(plan.knownRuns().get(0), plan.knownRuns().get(999))) {
          assertThat(store.exists(StoreKeys.runResult(spec.id()))).isTrue();
        }
        WorkflowExecutionHistory planHistory = client.fetchHistory(plan.workflowId());
        WorkflowExecutionHistory largestGroup = null;
        for (GroupSpec group : groups) {
          WorkflowExecutionHistory history =
              client.fetchHistory(plan.workflowId() + "/" + group.name());
          if (largestGroup == null
              || history.getEvents().size() > largestGroup.getEvents().size()) {
            largestGroup = history;
          }
        }
        WorkflowExecutionHistory oneRun =
            client.fetchHistory("run-" + plan.knownRuns().get(0).id());
        long peakHeap = 0;
        for (MemoryPoolMXBean memory : ManagementFactory.getMemoryPoolMXBeans()) {
          if (memory.getType() == MemoryType.HEAP) {
            peakHeap += memory.getPeakUsage().getUsed();
          }
        }
        double slowest = seconds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        System.out.printf(
            "LoadTest: %d runs in %.1f s wall, %.1f ms orchestration per run (training is a"
                + " no-op); plan history %d events / %d bytes; largest group history %d events / %d"
                + " bytes (%d runs); one run %d events / %d bytes; peak heap %.0f MiB (worker,"
                + " Temporal test server and s3proxy in one JVM); 20 concurrent status queries at"
                + " %d runs done: slowest %.3f s, mean %.3f s (one query alone after them: %.3f s)%n",
            plan.knownRuns().size(),
            wall,
            wall * 1000 / plan.knownRuns().size(),
            planHistory.getEvents().size(),
            planHistory.getHistory().getSerializedSize(),
            largestGroup.getEvents().size(),
            largestGroup.getHistory().getSerializedSize(),
            RATES * SEEDS,
            oneRun.getEvents().size(),
            oneRun.getHistory().getSerializedSize(),
            peakHeap / 1048576.0,
            trainedAtQuery,
            slowest,
            seconds.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
            aloneSeconds);
        System.out.printf(
            "LoadTest: runs done when the 20 queries began %d, when they ended %d; the first"
                + " status call in this JVM (class loading included) before them: %.3f s%n",
            trainedAtQuery, trainedAfterQueries, coldSeconds);
        assertThat(seconds).as("each status answer, seconds").allMatch(s -> s < 1.0);
        assertThat(trainedAfterQueries).as("queried while the plan ran").isLessThan(1000);
      } finally {
        stubs.shutdownNow();
      }
    }
  }
}
