package dev.cosinerepro.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.activities.ledger.ChunkTiming;
import dev.cosinerepro.activities.ledger.RunRecord;
import dev.cosinerepro.activities.report.ReportDocument;
import dev.cosinerepro.app.Offline;
import dev.cosinerepro.app.Repro;
import dev.cosinerepro.app.stack.EmbeddedStack;
import dev.cosinerepro.app.stack.StackPorts;
import dev.cosinerepro.storage.Json;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.S3Settings;
import dev.cosinerepro.storage.StoreKeys;
import dev.cosinerepro.workflows.TaskQueues;
import dev.cosinerepro.workflows.plan.ReproductionWorkflow;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanResult;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunResult;
import dev.cosinerepro.workflows.spec.RunSpec;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several machines, on one: the embedded stack (what {@code repro up} serves) in the test JVM, and
 * three {@code repro worker} processes against it, one on the cpu queue and two on the gpu queue,
 * each with its own data folder and identity. A plan of four tiny runs (two chunks each) must
 * finish with training spread over both gpu workers, every chunk timing naming its worker, and the
 * report naming each run's worker. The test JVM runs no worker at all.
 */
class SeveralWorkersTest {
  private static final String CPU = "cpu-worker-1";
  private static final List<String> GPUS = List.of("gpu-worker-a", "gpu-worker-b");

  @TempDir Path temp;

  @BeforeAll
  static void offline() {
    Offline.enforce();
  }

  @Test
  void runsSpreadOverTwoTrainingWorkersAndTheReportNamesEachRunsWorker() throws Exception {
    PlanSpec plan =
        new PlanSpec(
            "several-workers",
            "k = 5, two epochs, four runs over two gpu workers",
            List.of(
                GroupSpec.grid(
                    "xent", "quick", TinyPlans.run("xent"), List.of(0.1, 0.05), List.of(0L, 1L))),
            1,
            "grid");
    List<Process> workers = new ArrayList<>();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (EmbeddedStack stack =
            EmbeddedStack.start(temp.resolve("up"), registry, StackPorts.ephemeral(), Map.of());
        ObjectStore store = ObjectStore.connect(stack.s3Settings())) {
      try {
        workers.add(worker(stack, "cpu", CPU));
        for (String gpu : GPUS) {
          workers.add(worker(stack, "gpu", gpu));
        }
        for (int i = 0; i < workers.size(); i++) {
          awaitServing(workers.get(i), log(i == 0 ? CPU : GPUS.get(i - 1)));
        }
        WorkflowClient client =
            WorkflowClient.newInstance(
                WorkflowServiceStubs.newServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder()
                        .setTarget(stack.temporalTarget())
                        .build()));
        ReproductionWorkflow workflow =
            client.newWorkflowStub(
                ReproductionWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(TaskQueues.CPU)
                    .setWorkflowId(plan.workflowId())
                    .build());
        WorkflowClient.start(workflow::reproduce, plan);
        PlanResult result =
            WorkflowStub.fromTyped(workflow).getResult(4, TimeUnit.MINUTES, PlanResult.class);
        assertThat(result.failures()).isEmpty();

        List<RunSpec> runs = plan.knownRuns();
        assertThat(runs).hasSize(4);
        Set<String> seen = new LinkedHashSet<>();
        for (RunSpec spec : runs) {
          RunResult stored =
              Json.read(store.get(StoreKeys.runResult(spec.id())).orElseThrow(), RunResult.class);
          assertThat(stored.epochs()).isEqualTo(2);
          List<ChunkTiming> timings = RunRecord.of(store, spec).chunkTimings();
          assertThat(timings).isNotEmpty();
          timings.forEach(timing -> assertThat(timing.worker().identity()).isIn(GPUS));
          timings.forEach(timing -> seen.add(timing.worker().identity()));
        }
        System.out.println("SeveralWorkersTest: chunk timings name the workers " + seen);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(GPUS);

        ReportDocument document =
            Json.read(
                store.get(StoreKeys.report(plan.workflowId(), "report.json")).orElseThrow(),
                ReportDocument.class);
        String markdown =
            new String(
                store.get(StoreKeys.report(plan.workflowId(), "report.md")).orElseThrow(),
                StandardCharsets.UTF_8);
        String html =
            new String(
                store.get(StoreKeys.report(plan.workflowId(), "report.html")).orElseThrow(),
                StandardCharsets.UTF_8);
        assertThat(markdown).contains("## Workers");
        for (RunSpec spec : runs) {
          List<String> expected = RunRecord.storedWorkers(store, spec.id());
          assertThat(document.workers()).containsEntry(spec.id(), expected);
          String names = String.join(", ", expected);
          assertThat(markdown.lines())
              .anyMatch(line -> line.contains("| " + spec.id() + " |") && line.contains(names));
          assertThat(html)
              .contains("data-run=\"" + spec.id() + "\"><h4>")
              .contains("trained by <span class=\"worker\">" + names + "</span>");
        }
      } finally {
        for (Process process : workers) {
          process.destroy();
        }
        for (Process process : workers) {
          if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          }
        }
      }
    }
  }

  /** Starts {@code repro worker} as a process of its own, with its own data folder. */
  private Process worker(EmbeddedStack stack, String queues, String identity) throws IOException {
    Path home = temp.resolve(identity);
    Files.createDirectories(home);
    FashionMnistFixture.ensure(home);
    S3Settings s3 = stack.s3Settings();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "-Xmx1g",
            "-Dai.djl.offline=true",
            "-Djava.net.preferIPv4Stack=true",
            "-cp",
            System.getProperty("java.class.path"),
            Repro.class.getName(),
            "worker",
            "--temporal",
            stack.temporalTarget(),
            "--s3",
            s3.endpoint(),
            "--queues",
            queues,
            "--metrics-port",
            "0",
            "--identity",
            identity);
    Map<String, String> env = builder.environment();
    env.put("REPRO_S3_ACCESS_KEY", s3.accessKey());
    env.put("REPRO_S3_SECRET_KEY", s3.secretKey());
    env.put("REPRO_HOME", home.toString());
    env.put("DJL_OFFLINE", "true");
    env.put("OPT_OUT_TRACKING", "true");
    env.remove("REPRO_TEMPORAL");
    env.remove("REPRO_S3_ENDPOINT");
    env.remove("REPRO_WORKER_IDENTITY");
    builder.redirectErrorStream(true).redirectOutput(log(identity).toFile());
    return builder.start();
  }

  private Path log(String identity) {
    return temp.resolve(identity + ".log");
  }

  /** Waits until the worker says it serves its queues; fails with its log if it dies first. */
  private static void awaitServing(Process process, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      String text = Files.exists(log) ? Files.readString(log) : "";
      if (text.contains("Worker serving")) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("The worker exited with " + process.exitValue() + ":\n" + text);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("The worker did not start in 90 s:\n" + Files.readString(log));
  }
}
