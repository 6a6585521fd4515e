package dev.cosinerepro.activities.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.activities.ledger.CheckpointManifest;
import dev.cosinerepro.activities.ledger.RunRecord;
import dev.cosinerepro.storage.Json;
import dev.cosinerepro.storage.LocalS3;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.StoreKeys;
import dev.cosinerepro.workflows.spec.EpochRecord;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.RunTemplate;
import dev.cosinerepro.workflows.spec.ScheduleRecipe;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * {@link EpochCommits} against a real S3 server on loopback that records, holds back or fails the
 * writes it is asked for: overlapped (GPU workers) and on the calling thread (CPU workers).
 */
class EpochCommitsTest {

  @TempDir static Path serverFolder;
  @TempDir Path scratch;
  static Gate gate;
  static LocalS3 s3;
  static ObjectStore store;

  @BeforeAll
  static void startServer() throws Exception {
    s3 =
        LocalS3.start(
            serverFolder,
            blobs -> {
              gate = new Gate(blobs);
              return gate;
            });
    store = ObjectStore.connect(s3.settings("commits"));
  }

  @AfterAll
  static void stopServer() throws Exception {
    store.close();
    s3.close();
  }

  @BeforeEach
  void openTheGate() {
    gate.reset();
  }

  @Test
  void storesWhatASynchronousCommitStoresInTheSameOrder() throws Exception {
    RunRecord record = RunRecord.of(store, spec(1));
    String id = record.runId();
    RunRecord.Chunk chunk = record.beginChunk(3, 1, scratch);
    try (EpochCommits commits = new EpochCommits(chunk, id, true)) {
      for (int e = 0; e < 3; e++) {
        int content = e;
        commits.checkpoint(out -> out.write(new byte[] {1, 2, (byte) content}));
        commits.commit(epoch(e));
      }
      commits.awaitAll();
      assertThat(commits.waitSeconds()).isPositive();
    }

    List<String> expected = new ArrayList<>();
    for (int e = 0; e < 3; e++) {
      expected.add(StoreKeys.checkpointData(id, e + 1));
      expected.add(StoreKeys.epochMetrics(id, e));
      expected.add(StoreKeys.metricsLog(id));
      expected.add(StoreKeys.checkpointManifest(id, e + 1));
    }
    assertThat(gate.puts()).containsExactlyElementsOf(expected);
    CheckpointManifest first =
        Json.read(
            store.get(StoreKeys.checkpointManifest(id, 1)).orElseThrow(), CheckpointManifest.class);
    // The SHA-256 of the bytes {1, 2, 0} (Python: hashlib.sha256(bytes([1, 2, 0])).hexdigest()).
    assertThat(first.dataSha256())
        .isEqualTo("d7b3d4012540102c40a23acdeee417e06a42a74a5d66c7efe59f4e4aa0537c5c");
    assertThat(chunk.committed()).containsExactly(epoch(0), epoch(1), epoch(2));
    try (InputStream in = record.openCheckpoint(3)) {
      assertThat(in.readAllBytes()).containsExactly(1, 2, 2);
    }
    try (var files = Files.list(scratch)) {
      assertThat(files).as("scratch files left behind").isEmpty();
    }
  }

  @Test
  void theUploadRunsWhileTheEpochIsEvaluatedAndTheManifestWhileTheNextTrains() throws Exception {
    RunRecord record = RunRecord.of(store, spec(2));
    String id = record.runId();
    RunRecord.Chunk chunk = record.beginChunk(2, 1, scratch);
    CountDownLatch upload = gate.holdBack(key -> key.equals(StoreKeys.checkpointData(id, 1)));
    try (EpochCommits commits = new EpochCommits(chunk, id, true)) {
      commits.checkpoint(out -> out.write(7)); // returns with the upload held back by the server
      assertThat(gate.waiting(StoreKeys.checkpointData(id, 1))).isTrue();
      commits.commit(epoch(0)); // so does the rest of the commit
      assertThat(record.latestCompleteCheckpoint()).isEmpty();
      upload.countDown();

      CountDownLatch manifest =
          gate.holdBack(key -> key.equals(StoreKeys.checkpointManifest(id, 2)));
      commits.checkpoint(out -> out.write(8)); // waits for epoch 0's commit, not for its own
      assertThat(record.latestCompleteCheckpoint()).hasValue(1);
      commits.commit(epoch(1));
      assertThat(gate.waiting(StoreKeys.checkpointManifest(id, 2))).isTrue();
      assertThat(record.latestCompleteCheckpoint()).hasValue(1);
      manifest.countDown();
      commits.awaitAll();
    }
    assertThat(record.latestCompleteCheckpoint()).hasValue(2);
  }

  @Test
  void aFailedUploadStoresNothingMoreAndIsThrownByTheNextCall() {
    RunRecord record = RunRecord.of(store, spec(3));
    String id = record.runId();
    RunRecord.Chunk chunk = record.beginChunk(3, 1, scratch);
    gate.fail(key -> key.equals(StoreKeys.checkpointData(id, 2)));
    try (EpochCommits commits = new EpochCommits(chunk, id, true)) {
      commits.checkpoint(out -> out.write(1));
      commits.commit(epoch(0));
      commits.checkpoint(out -> out.write(2));
      commits.commit(epoch(1));
      assertThatThrownBy(commits::awaitAll)
          .isInstanceOf(RuntimeException.class)
          .hasMessageContaining(StoreKeys.checkpointData(id, 2));
      assertThatThrownBy(() -> commits.checkpoint(out -> out.write(3)))
          .hasMessageContaining(StoreKeys.checkpointData(id, 2));
    }
    assertThat(record.latestCompleteCheckpoint()).hasValue(1);
    assertThat(store.exists(StoreKeys.epochMetrics(id, 1))).isFalse();
    assertThat(gate.puts()).doesNotContain(StoreKeys.checkpointManifest(id, 2));
  }

  @Test
  void aWorkerThatStopsKeepsTheEpochItHandedOver() throws Exception {
    RunRecord record = RunRecord.of(store, spec(4));
    String id = record.runId();
    RunRecord.Chunk chunk = record.beginChunk(2, 1, scratch);
    CountDownLatch manifest = gate.holdBack(key -> key.equals(StoreKeys.checkpointManifest(id, 1)));
    EpochCommits commits = new EpochCommits(chunk, id, true);
    commits.checkpoint(out -> out.write(1));
    commits.commit(epoch(0));
    Thread opener =
        new Thread(
            () -> {
              try {
                Thread.sleep(200);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              manifest.countDown();
            });
    opener.start();
    Thread.currentThread().interrupt(); // the worker is stopping
    try {
      assertThatThrownBy(() -> commits.checkpoint(out -> out.write(2)))
          .isInstanceOf(java.util.concurrent.CancellationException.class);
      commits.close();
      assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    } finally {
      Thread.interrupted();
      manifest.countDown();
      opener.join();
    }
    assertThat(record.latestCompleteCheckpoint()).hasValue(1);
  }

  @Test
  void onACpuWorkerEachHandOverIsStoredBeforeItReturns() {
    RunRecord record = RunRecord.of(store, spec(5));
    String id = record.runId();
    RunRecord.Chunk chunk = record.beginChunk(2, 1, scratch);
    try (EpochCommits commits = new EpochCommits(chunk, id, false)) {
      commits.checkpoint(out -> out.write(1));
      assertThat(store.exists(StoreKeys.checkpointData(id, 1))).isTrue();
      assertThat(record.latestCompleteCheckpoint()).isEmpty();
      commits.commit(epoch(0));
      assertThat(record.latestCompleteCheckpoint()).hasValue(1);

      gate.fail(key -> key.equals(StoreKeys.checkpointData(id, 2)));
      commits.checkpoint(out -> out.write(2)); // the failure is kept for the next call
      assertThatThrownBy(() -> commits.commit(epoch(1)))
          .hasMessageContaining(StoreKeys.checkpointData(id, 2));
    }
    assertThat(store.exists(StoreKeys.epochMetrics(id, 1))).isFalse();
    assertThat(record.latestCompleteCheckpoint()).hasValue(1);
  }

  private static RunSpec spec(long seed) {
    return RunTemplate.builder()
        .setDataset("fashion-mnist")
        .optSamplesPerClass(10)
        .setArchitecture("resnet8")
        .setLoss("cosine")
        .setBatchSize(50)
        .optSchedule(ScheduleRecipe.sgdr(2, 1))
        .build()
        .run(0.05, seed);
  }

  private static EpochRecord epoch(int epoch) {
    return new EpochRecord(epoch, 0.1, 1.0 / (epoch + 1), 0.5, 0.25, 1.0, 100);
  }

  /** Records the writes it receives, and holds back or fails some. */
  static final class Gate extends ForwardingBlobStore {
    private final List<String> puts = Collections.synchronizedList(new ArrayList<>());
    private final List<String> waiting = Collections.synchronizedList(new ArrayList<>());
    private volatile Predicate<String> failing = key -> false;
    private volatile Predicate<String> held = key -> false;
    private volatile CountDownLatch opens = new CountDownLatch(0);

    Gate(BlobStore delegate) {
      super(delegate);
    }

    void reset() {
      puts.clear();
      waiting.clear();
      failing = key -> false;
      held = key -> false;
    }

    void fail(Predicate<String> keys) {
      failing = keys;
    }

    /** Holds back the writes of these keys until the returned latch is counted down. */
    CountDownLatch holdBack(Predicate<String> keys) {
      CountDownLatch latch = new CountDownLatch(1);
      opens = latch;
      held = keys;
      return latch;
    }

    /** Whether a write of the key is being held back, after up to 10 s for it to arrive. */
    boolean waiting(String key) throws InterruptedException {
      for (int i = 0; i < 1000 && !waiting.contains(key); i++) {
        Thread.sleep(10);
      }
      return waiting.contains(key);
    }

    List<String> puts() {
      return List.copyOf(puts);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
      String key = request.key();
      if (failing.test(key)) {
        throw new IllegalStateException("simulated failure writing " + key);
      }
      if (held.test(key)) {
        waiting.add(key);
        try {
          if (!opens.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never let " + key + " through");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      puts.add(key);
      return super.putBlob(request, content);
    }
  }
}
