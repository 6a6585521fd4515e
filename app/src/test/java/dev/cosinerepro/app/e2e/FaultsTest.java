package dev.cosinerepro.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.cosinerepro.activities.ledger.CheckpointManifest;
import dev.cosinerepro.activities.ledger.RunRecord;
import dev.cosinerepro.app.Offline;
import dev.cosinerepro.app.runtime.WorkerHost;
import dev.cosinerepro.app.stack.EmbeddedS3;
import dev.cosinerepro.app.stack.EmbeddedTemporal;
import dev.cosinerepro.app.stack.S3Credentials;
import dev.cosinerepro.storage.Json;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.S3Settings;
import dev.cosinerepro.storage.StoreKeys;
import dev.cosinerepro.workflows.TaskQueues;
import dev.cosinerepro.workflows.activity.TrainingActivities;
import dev.cosinerepro.workflows.plan.ReproductionWorkflow;
import dev.cosinerepro.workflows.spec.ChunkResult;
import dev.cosinerepro.workflows.spec.EpochRecord;
import dev.cosinerepro.workflows.spec.PlanResult;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunResult;
import dev.cosinerepro.workflows.spec.RunSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Faults on the embedded stack (slow: run with {@code -Dfaults=true}). Each test trains tiny
 * one-run-per-rate plans (k = 5 of the stand-in Fashion-MNIST, ResNet-8, one-epoch chunks) on a
 * Temporal test server and an s3proxy started separately, so that either can be lost on its own.
 */
@SlowSuite
class FaultsTest {
  static final S3Credentials KEYS = new S3Credentials("FAULTSACCESS", "faults-secret-key-0123");

  static final Duration S3_OUTAGE = Duration.ofSeconds(60);

  @TempDir Path home;
  EmbeddedS3 s3;
  ObjectStore store;
  final List<String> warnings = new ArrayList<>();
  AppenderBase<ILoggingEvent> capture;

  @BeforeAll
  static void offline() {
    Offline.enforce();
  }

  @BeforeEach
  void startStore() throws Exception {
    FaultPlans.ensureData(home);
    s3 = EmbeddedS3.start(home.resolve("s3"), KEYS, 0);
    store =
        ObjectStore.connect(
            new S3Settings(s3.endpoint(), KEYS.accessKey(), KEYS.secretKey(), "repro"));
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    capture =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            synchronized (warnings) {
              warnings.add(event.getFormattedMessage());
            }
          }
        };
    capture.setContext(context);
    capture.start();
    context.getLogger(RunRecord.class).addAppender(capture);
  }

  @AfterEach
  void stopStore() {
    ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger(RunRecord.class)
        .detachAppender(capture);
    store.close();
    s3.close();
  }

  /** A Temporal server, a client and a worker whose training is wrapped. */
  final class Cluster implements AutoCloseable {
    final EmbeddedTemporal temporal = EmbeddedTemporal.start(0);
    final WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    final WorkflowClient client = WorkflowClient.newInstance(stubs);
    final WorkerHost worker;

    /** With {@code wrap} null: no worker in this JVM. */
    Cluster(UnaryOperator<TrainingActivities> wrap) {
      worker =
          wrap == null
              ? null
              : WorkerHost.start(
                  client,
                  store,
                  home,
                  new SimpleMeterRegistry(),
                  TaskQueues.ALL,
                  1,
                  FaultPlans.catalog(home),
                  wrap);
    }

    CompletableFuture<PlanResult> start(PlanSpec plan, String suffix) {
      ReproductionWorkflow workflow =
          client.newWorkflowStub(
              ReproductionWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue(TaskQueues.CPU)
                  .setWorkflowId(plan.workflowId() + suffix)
                  .build());
      return WorkflowClient.execute(workflow::reproduce, plan);
    }

    /** Stops worker and server as a crash would: nothing is drained. */
    @Override
    public void close() {
      if (worker != null) {
        worker.close();
      }
      stubs.shutdownNow();
      temporal.close();
    }
  }

  /** Records every epoch each run trains; blocks a chunk that {@code holdAt} matches. */
  static final class Recorder implements UnaryOperator<TrainingActivities> {
    final Map<String, List<Integer>> trained = new TreeMap<>();
    final Predicate<dev.cosinerepro.workflows.spec.TrainingRequest> holdAt;
    final CountDownLatch held = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    Recorder(Predicate<dev.cosinerepro.workflows.spec.TrainingRequest> holdAt) {
      this.holdAt = holdAt;
    }

    @Override
    public TrainingActivities apply(TrainingActivities real) {
      return request -> {
        if (holdAt.test(request)) {
          held.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new IllegalStateException("worker lost");
        }
        ChunkResult chunk = real.train(request);
        synchronized (trained) {
          trained
              .computeIfAbsent(request.spec().id(), id -> new ArrayList<>())
              .addAll(chunk.epochs().stream().map(EpochRecord::epoch).toList());
        }
        return chunk;
      };
    }

    List<Integer> of(String runId) {
      synchronized (trained) {
        return List.copyOf(trained.getOrDefault(runId, List.of()));
      }
    }
  }

  static Recorder recordOnly() {
    return new Recorder(request -> false);
  }

  @Test
  void aCheckpointDamagedInTheStoreIsSkippedAndTheRunResumesFromThePreviousGoodOne()
      throws Exception {
    PlanSpec plan = FaultPlans.oneRun("damaged", 0.1, 3);
    String runId = plan.knownRuns().get(0).id();
    Recorder first = new Recorder(request -> request.untilEpoch() == 3);
    Cluster cluster = new Cluster(first);
    cluster.start(plan, "");
    assertThat(first.held.await(3, TimeUnit.MINUTES)).as("two epochs committed").isTrue();
    first.release.countDown();
    cluster.close();
    assertThat(first.of(runId)).containsExactly(0, 1);
    String dataKey = StoreKeys.checkpointData(runId, 2);
    byte[] data = store.get(dataKey).orElseThrow();
    for (int i = data.length / 2; i < data.length / 2 + 16; i++) {
      data[i] ^= (byte) 0xff;
    }
    store.put(dataKey, data, "application/octet-stream");

    Recorder second = recordOnly();
    try (Cluster again = new Cluster(second)) {
      PlanResult result = again.start(plan, "-again").get(3, TimeUnit.MINUTES);
      assertThat(result.failures()).isEmpty();
    }
    synchronized (warnings) {
      assertThat(warnings)
          .as("the run says where it resumes from")
          .contains(
              "Run "
                  + runId
                  + ": the checkpoint after 2 epochs is damaged ("
                  + dataKey
                  + " does not match the SHA-256 in its manifest); resuming from the one after 1"
                  + " epochs");
    }
    assertThat(second.of(runId)).as("epochs trained after the damage").containsExactly(1, 2);
    assertFinished(runId, 3);
    assertEveryManifestMatchesItsData(runId);
  }

  @Test
  void aLostTemporalServerLosesNoWorkFinishedRunsAreSkippedAndUnfinishedOnesResume()
      throws Exception {
    PlanSpec earlier = FaultPlans.oneRun("lost", 0.1, 2);
    PlanSpec plan = FaultPlans.runs("lost", List.of(0.1, 0.05), 2);
    String done = earlier.knownRuns().get(0).id();
    String unfinished =
        plan.knownRuns().stream()
            .map(RunSpec::id)
            .filter(id -> !id.equals(done))
            .findFirst()
            .orElseThrow();
    assertThat(plan.knownRuns()).extracting(RunSpec::id).contains(done);
    Recorder first =
        new Recorder(
            request -> request.spec().id().equals(unfinished) && request.untilEpoch() == 2);
    Cluster cluster = new Cluster(first);
    assertThat(cluster.start(earlier, "").get(3, TimeUnit.MINUTES).failures()).isEmpty();
    cluster.start(plan, "");
    assertThat(first.held.await(3, TimeUnit.MINUTES)).isTrue();
    assertThat(store.exists(StoreKeys.checkpointManifest(unfinished, 1))).isTrue();
    cluster.close(); // the Temporal server is gone, with every workflow it knew
    first.release.countDown();
    assertThat(first.of(done)).containsExactly(0, 1);
    assertThat(first.of(unfinished)).containsExactly(0);
    byte[] doneResult = store.get(StoreKeys.runResult(done)).orElseThrow();

    Recorder second = recordOnly();
    try (Cluster fresh = new Cluster(second)) {
      PlanResult result = fresh.start(plan, "").get(3, TimeUnit.MINUTES);
      assertThat(result.failures()).isEmpty();
    }
    assertThat(second.of(done)).as("the finished run trains nothing").isEmpty();
    assertThat(store.get(StoreKeys.runResult(done)).orElseThrow()).isEqualTo(doneResult);
    assertThat(second.of(unfinished))
        .as("the unfinished run resumes at its checkpoint's epoch count")
        .containsExactly(1);
    assertThat(store.list(StoreKeys.runPrefix(unfinished) + "chunks/"))
        .as("chunk timings: the resumed chunk starts at epoch 1")
        .anyMatch(key -> key.contains("0001-0002"))
        .noneMatch(key -> key.contains("0000-0002"));
    assertFinished(unfinished, 2);
    assertFinished(done, 2);
  }

  @Test
  void twoReproductionsOfOnePlanAtOnceTrainEachRunOnce() throws Exception {
    PlanSpec plan = FaultPlans.runs("twice", List.of(0.1, 0.05), 2);
    Recorder recorder = recordOnly();
    try (Cluster cluster = new Cluster(recorder)) {
      WorkflowClient other =
          WorkflowClient.newInstance(
              WorkflowServiceStubs.newServiceStubs(
                  WorkflowServiceStubsOptions.newBuilder()
                      .setTarget(cluster.temporal.target())
                      .build()));
      ReproductionWorkflow second =
          other.newWorkflowStub(
              ReproductionWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue(TaskQueues.CPU)
                  .setWorkflowId(plan.workflowId() + "-second")
                  .build());
      CompletableFuture<PlanResult> a = cluster.start(plan, "-first");
      CompletableFuture<PlanResult> b = WorkflowClient.execute(second::reproduce, plan);
      assertThat(a.get(4, TimeUnit.MINUTES).failures()).isEmpty();
      assertThat(b.get(4, TimeUnit.MINUTES).failures()).isEmpty();
      other.getWorkflowServiceStubs().shutdownNow();
    }
    for (RunSpec spec : plan.knownRuns()) {
      assertThat(recorder.of(spec.id()))
          .as("epochs trained by %s", spec.id())
          .containsExactly(0, 1);
      assertFinished(spec.id(), 2);
    }
  }

  /**
   * The S3 server stops after the first epoch is committed and comes back on the same port after a
   * pause of {@link #S3_OUTAGE} (the 60 s): the training and store activities fail and are
   * retried, the run completes, and every checkpoint manifest points to data of its size and
   * SHA-256.
   */
  @Test
  void anObjectStoreOutageMidRunIsRiddenOutAndLeavesNothingPartialVisible() throws Exception {
    PlanSpec plan = FaultPlans.oneRun("outage", 0.1, 4);
    String runId = plan.knownRuns().get(0).id();
    Recorder recorder = recordOnly();
    try (Cluster cluster = new Cluster(recorder)) {
      CompletableFuture<PlanResult> running = cluster.start(plan, "");
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (!store.exists(StoreKeys.checkpointManifest(runId, 1))) {
        assertThat(System.nanoTime()).as("first epoch committed in time").isLessThan(deadline);
        Thread.sleep(100);
      }
      int port = s3.port();
      s3.close();
      long down = System.nanoTime();
      Thread.sleep(S3_OUTAGE.toMillis());
      s3 = EmbeddedS3.start(home.resolve("s3"), KEYS, port);
      PlanResult result = running.get(4, TimeUnit.MINUTES);
      assertThat(result.failures()).isEmpty();
      System.out.printf(
          "FaultsTest: S3 down %.1f s; the plan finished %.1f s after it went down%n",
          S3_OUTAGE.toMillis() / 1000.0, (System.nanoTime() - down) / 1e9);
    }
    assertFinished(runId, 4);
    assertEveryManifestMatchesItsData(runId);
  }

  /**
   * A worker in its own JVM ({@code repro worker}) is killed with SIGKILL in the middle of an epoch
   * after it committed at least one; a second worker process finishes the run. A third process
   * trains the same spec uninterrupted into another store: the final checkpoints are byte for byte
   * the same (one intra-op and one inter-op thread in every process). Needs the real Fashion-MNIST
   * (the worker's standard catalog verifies it and would otherwise try to download it).
   */
  @Test
  void aWorkerKilledMidEpochIsReplacedAndTheResultIsTheSameAsUninterrupted() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        FashionMnistFixture.realDataInstalled(),
        "needs the real Fashion-MNIST in " + FashionMnistFixture.DEBIAN);
    PlanSpec plan = FaultPlans.oneRun("killed", 0.1, 3);
    String runId = plan.knownRuns().get(0).id();
    String finalKey = StoreKeys.checkpointData(runId, 3);
    String interruptedSha;
    try (Cluster cluster = new Cluster(null)) {
      Process first = workerProcess(cluster, home, "worker-1");
      CompletableFuture<PlanResult> running = cluster.start(plan, "");
      awaitKey(StoreKeys.checkpointManifest(runId, 1), Duration.ofMinutes(4));
      Thread.sleep(300); // into the second epoch
      first.destroyForcibly().waitFor();
      long killed = System.nanoTime();
      assertThat(store.exists(StoreKeys.runResult(runId))).as("killed before the end").isFalse();
      Process second = workerProcess(cluster, home, "worker-2");
      try {
        assertThat(running.get(5, TimeUnit.MINUTES).failures()).isEmpty();
      } finally {
        second.destroyForcibly().waitFor();
      }
      System.out.printf(
          "FaultsTest: killed worker replaced; the plan finished %.1f s after the kill%n",
          (System.nanoTime() - killed) / 1e9);
      assertFinished(runId, 3);
      interruptedSha = sha256(store.get(finalKey).orElseThrow());
    }
    Path other = home.resolve("uninterrupted");
    EmbeddedS3 otherS3 = EmbeddedS3.start(other.resolve("s3"), KEYS, 0);
    try (ObjectStore otherStore =
            ObjectStore.connect(
                new S3Settings(otherS3.endpoint(), KEYS.accessKey(), KEYS.secretKey(), "repro"));
        Cluster cluster = new Cluster(null)) {
      Process worker = workerProcess(cluster, other, otherS3.endpoint(), "worker-3");
      try {
        assertThat(cluster.start(plan, "").get(5, TimeUnit.MINUTES).failures()).isEmpty();
      } finally {
        worker.destroyForcibly().waitFor();
      }
      String uninterruptedSha = sha256(otherStore.get(finalKey).orElseThrow());
      System.out.printf(
          "FaultsTest: final checkpoint SHA-256 killed+resumed %s, uninterrupted %s%n",
          interruptedSha, uninterruptedSha);
      assertThat(interruptedSha).isEqualTo(uninterruptedSha);
    } finally {
      otherS3.close();
    }
  }

  private Process workerProcess(Cluster cluster, Path dataHome, String name) throws Exception {
    return workerProcess(cluster, dataHome, s3.endpoint(), name);
  }

  private Process workerProcess(Cluster cluster, Path dataHome, String endpoint, String name)
      throws Exception {
    java.nio.file.Files.createDirectories(dataHome);
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "-Dai.djl.pytorch.num_threads=1",
            "-Dai.djl.pytorch.num_interop_threads=1",
            "dev.cosinerepro.app.Repro",
            "worker",
            "--temporal",
            cluster.temporal.target(),
            "--s3",
            endpoint,
            "--metrics-port",
            "0");
    builder.environment().put("REPRO_S3_ACCESS_KEY", KEYS.accessKey());
    builder.environment().put("REPRO_S3_SECRET_KEY", KEYS.secretKey());
    builder.environment().put("REPRO_HOME", dataHome.toString());
    builder.environment().put("OMP_NUM_THREADS", "1");
    builder.environment().put("MKL_NUM_THREADS", "1");
    builder.redirectErrorStream(true);
    builder.redirectOutput(home.resolve(name + ".log").toFile());
    return builder.start();
  }

  private void awaitKey(String key, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!store.exists(key)) {
      assertThat(System.nanoTime()).as("%s written in time", key).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  private void assertFinished(String runId, int epochs) {
    RunResult result =
        Json.read(store.get(StoreKeys.runResult(runId)).orElseThrow(), RunResult.class);
    assertThat(result.epochs()).isEqualTo(epochs);
    List<Integer> logged =
        new String(store.get(StoreKeys.metricsLog(runId)).orElseThrow(), StandardCharsets.UTF_8)
            .lines()
            .map(
                line -> Json.read(line.getBytes(StandardCharsets.UTF_8), EpochRecord.class).epoch())
            .toList();
    List<Integer> expected = new ArrayList<>();
    for (int e = 0; e < epochs; e++) {
      expected.add(e);
    }
    assertThat(logged).as("the metrics log has every epoch once").isEqualTo(expected);
  }

  private void assertEveryManifestMatchesItsData(String runId) throws Exception {
    List<String> manifests =
        store.list(StoreKeys.checkpointsPrefix(runId)).stream()
            .filter(key -> key.endsWith("manifest.json"))
            .toList();
    assertThat(manifests).isNotEmpty();
    for (String key : manifests) {
      CheckpointManifest manifest =
          Json.read(store.get(key).orElseThrow(), CheckpointManifest.class);
      byte[] data = store.get(manifest.dataKey()).orElseThrow();
      assertThat((long) data.length).as(key).isEqualTo(manifest.dataBytes());
      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)))
          .as(key)
          .isEqualTo(manifest.dataSha256());
    }
  }
}
