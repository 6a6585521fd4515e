package dev.cosinerepro.activities.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.storage.Json;
import dev.cosinerepro.storage.LocalS3;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.StoreKeys;
import dev.cosinerepro.workflows.spec.Divergence;
import dev.cosinerepro.workflows.spec.EpochRecord;
import dev.cosinerepro.workflows.spec.Provenance;
import dev.cosinerepro.workflows.spec.RunResult;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.RunTemplate;
import dev.cosinerepro.workflows.spec.ScheduleRecipe;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** {@link RunRecord} against a real S3 server on loopback that records what it is asked. */
class RunRecordTest {

  @TempDir static Path serverFolder;
  @TempDir Path scratch;
  static Recording recording;
  static LocalS3 s3;
  static ObjectStore store;

  @BeforeAll
  static void startServer() throws Exception {
    s3 =
        LocalS3.start(
            serverFolder,
            blobs -> {
              recording = new Recording(blobs);
              return recording;
            });
    store = ObjectStore.connect(s3.settings("records"));
  }

  @AfterAll
  static void stopServer() throws Exception {
    store.close();
    s3.close();
  }

  @BeforeEach
  void resetRecording() {
    recording.reset();
  }

  @Test
  void keepsTheLatestTwoAndEveryCycleEnd() {
    RunSpec paper = spec(12, 5, 0);
    assertThat(IntStream.rangeClosed(1, 372).filter(e -> RunRecord.isCycleEnd(paper, e)))
        .containsExactly(12, 36, 84, 180, 372);
    assertThat(IntStream.rangeClosed(1, 100).filter(e -> RunRecord.keepsCheckpoint(paper, 100, e)))
        .containsExactly(12, 36, 84, 99, 100);
  }

  @Test
  void anEpochIsCommittedAsDataMetricsLogAndTheManifestLast() {
    RunRecord record = RunRecord.of(store, spec(2, 2, 1));
    String id = record.runId();
    assertThat(record.latestCompleteCheckpoint()).isEmpty();
    RunRecord.Chunk chunk = record.beginChunk(1, 1, scratch);
    assertThat(chunk.from()).isZero();
    recording.reset();
    chunk.commitEpoch(epoch(0, null), out -> out.write(new byte[] {1, 2, 3}));

    assertThat(recording.puts())
        .containsExactly(
            StoreKeys.checkpointData(id, 1),
            StoreKeys.epochMetrics(id, 0),
            StoreKeys.metricsLog(id),
            StoreKeys.checkpointManifest(id, 1));
    CheckpointManifest manifest =
        Json.read(
            store.get(StoreKeys.checkpointManifest(id, 1)).orElseThrow(), CheckpointManifest.class);
    assertThat(manifest)
        .isEqualTo(
            new CheckpointManifest(
                id,
                1,
                StoreKeys.checkpointData(id, 1),
                3,
                epoch(0, null),
                "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81"));
    assertThat(record.latestCompleteCheckpoint()).hasValue(1);
    assertThat(chunk.committed()).containsExactly(epoch(0, null));
  }

  @Test
  void theLogHoldsEveryCommittedEpochInOrderAfterEveryEpoch() throws Exception {
    RunRecord record = RunRecord.of(store, spec(2, 2, 2)); // 6 epochs
    String id = record.runId();
    for (int until : new int[] {2, 5, 6}) {
      RunRecord.Chunk chunk = record.beginChunk(until, 1, scratch);
      chunk.trainingStarts();
      for (int e = chunk.from(); e < chunk.until(); e++) {
        chunk.commitEpoch(epoch(e, 0.1 * e), checkpointOf(e));
        assertThat(logEpochs(id)).containsExactlyElementsOf(range(e + 1));
        assertThat(logLines(id).get(e))
            .isEqualTo(
                new String(
                    store.get(StoreKeys.epochMetrics(id, e)).orElseThrow(),
                    StandardCharsets.UTF_8));
      }
      ChunkTiming timing = chunk.finish();
      assertThat(timing.untilEpoch()).isEqualTo(until);
      assertThat(store.exists(StoreKeys.chunkTiming(id, timing.fromEpoch(), until, 1))).isTrue();
    }
    assertThat(record.beginChunk(9, 1, scratch).hasWork()).isFalse();
    try (InputStream in = record.openCheckpoint(6)) {
      assertThat(in.readAllBytes()).containsExactly(5);
    }
  }

  @Test
  void chunkTimingsNameTheirWorkerAndOlderTimingsWithoutOneStillRead() throws Exception {
    RunRecord record = RunRecord.of(store, spec(2, 2, 10)); // 6 epochs
    String id = record.runId();
    store.put(
        StoreKeys.chunkTiming(id, 0, 1, 1),
        ("{\"fromEpoch\":0,\"untilEpoch\":1,\"attempt\":1,\"wallSeconds\":2.0,"
                + "\"epochSeconds\":1.5,\"setupSeconds\":0.3,\"commitSeconds\":0.2}")
            .getBytes(StandardCharsets.UTF_8),
        "application/json");
    String[] workers = {"gpu-a", "gpu-b", "gpu-a"};
    for (int i = 0; i < workers.length; i++) {
      RunRecord.Chunk chunk =
          record.beginChunk(
              2 + i, 1, scratch, new WorkerInfo(workers[i], "cpu", "abc", false, Map.of()));
      chunk.trainingStarts();
      chunk.commitEpoch(epoch(chunk.from(), null), checkpointOf(chunk.from()));
      assertThat(chunk.finish().worker().identity()).isEqualTo(workers[i]);
    }
    assertThat(record.chunkTimings())
        .extracting(timing -> timing.worker() == null ? null : timing.worker().identity())
        .containsExactly(null, "gpu-a", "gpu-b", "gpu-a");
    assertThat(RunRecord.storedWorkers(store, id)).containsExactly("gpu-a", "gpu-b");
    assertThat(RunRecord.storedWorkers(store, "0000000000000000")).isEmpty();
  }

  @Test
  void aDamagedCheckpointFallsBackToThePreviousGoodOneAndSaysSo() throws Exception {
    RunRecord record = RunRecord.of(store, spec(2, 2, 71)); // 6 epochs, cycle ends 2 and 6
    String id = record.runId();
    RunRecord.Chunk first = record.beginChunk(5, 1, scratch);
    for (int e = 0; e < 5; e++) {
      first.commitEpoch(epoch(e, null), checkpointOf(e));
    }
    assertThat(record.latestCompleteCheckpoint()).hasValue(5);

    store.put(StoreKeys.checkpointData(id, 5), new byte[0], null); // truncated
    RunRecord.Chunk second = record.beginChunk(6, 2, scratch);
    assertThat(second.from()).isEqualTo(4);
    assertThat(second.damagedCheckpoints())
        .containsExactly(
            "Run "
                + id
                + ": the checkpoint after 5 epochs is damaged ("
                + StoreKeys.checkpointData(id, 5)
                + " has 0 bytes, its manifest says 1); resuming from the one after 4 epochs");
    assertThat(store.exists(StoreKeys.checkpointManifest(id, 5))).isFalse();
    try (InputStream in = second.openResumeCheckpoint()) {
      assertThat(in.readAllBytes()).containsExactly(3);
    }

    store.put(StoreKeys.checkpointData(id, 4), new byte[] {42}, null); // same size, bytes flipped
    RunRecord.Chunk third = record.beginChunk(6, 3, scratch);
    assertThat(third.from()).isEqualTo(2);
    assertThat(third.damagedCheckpoints().get(0))
        .contains("does not match the SHA-256 in its manifest")
        .endsWith("resuming from the one after 2 epochs");
    try (InputStream in = third.openResumeCheckpoint()) {
      assertThat(in.readAllBytes()).containsExactly(1);
    }
    for (int e = 2; e < 6; e++) {
      third.commitEpoch(epoch(e, null), checkpointOf(e));
    }
    assertThat(record.latestCompleteCheckpoint()).hasValue(6);
    assertThat(logEpochs(id)).containsExactly(0, 1, 2, 3, 4, 5);
    try (var files = java.nio.file.Files.list(scratch)) {
      assertThat(files.filter(f -> f.getFileName().toString().startsWith("resume-"))).isEmpty();
    }
  }

  @Test
  void aChunkResumedAfterACrashBeforeTheManifestLogsTheEpochOnceAndInOrder() {
    RunRecord record = RunRecord.of(store, spec(2, 2, 3)); // 6 epochs
    String id = record.runId();
    RunRecord.Chunk first = record.beginChunk(6, 1, scratch);
    first.commitEpoch(epoch(0, null), checkpointOf(0));
    first.commitEpoch(epoch(1, 0.2), checkpointOf(1));

    // Epoch 2: data, metrics and log are written, then the worker dies before the manifest.
    recording.failPutsOf(key -> key.equals(StoreKeys.checkpointManifest(id, 3)));
    assertThatThrownBy(() -> first.commitEpoch(epoch(2, null), checkpointOf(2)))
        .isInstanceOf(RuntimeException.class);
    recording.failPutsOf(key -> false);
    assertThat(logEpochs(id)).containsExactly(0, 1, 2);
    assertThat(record.latestCompleteCheckpoint()).hasValue(2);

    RunRecord.Chunk retry = record.beginChunk(6, 2, scratch);
    assertThat(retry.from()).isEqualTo(2);
    EpochRecord retrained = new EpochRecord(2, 0.1, 0.5, 0.5, null, 9.0, 100);
    retry.commitEpoch(retrained, checkpointOf(2));
    assertThat(logEpochs(id)).containsExactly(0, 1, 2);
    assertThat(Json.read(logLines(id).get(2).getBytes(StandardCharsets.UTF_8), EpochRecord.class))
        .isEqualTo(retrained);

    // Epoch 3: a crash between the metrics object and the log leaves the log one line short.
    recording.failPutsOf(key -> key.equals(StoreKeys.metricsLog(id)));
    assertThatThrownBy(() -> retry.commitEpoch(epoch(3, 0.4), checkpointOf(3)))
        .isInstanceOf(RuntimeException.class);
    recording.failPutsOf(key -> false);
    RunRecord.Chunk again = record.beginChunk(6, 3, scratch);
    assertThat(again.from()).isEqualTo(3);
    for (int e = 3; e < 6; e++) {
      again.commitEpoch(epoch(e, 0.1 * e), checkpointOf(e));
    }
    assertThat(logEpochs(id)).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(record.readEpochs())
        .extracting(EpochRecord::epoch)
        .containsExactly(0, 1, 2, 3, 4, 5);
  }

  @Test
  void aLostOrGarbledLogIsRebuiltFromTheEpochMetrics() {
    RunRecord record = RunRecord.of(store, spec(2, 2, 4));
    String id = record.runId();
    RunRecord.Chunk chunk = record.beginChunk(3, 1, scratch);
    for (int e = 0; e < 3; e++) {
      chunk.commitEpoch(epoch(e, null), checkpointOf(e));
    }
    String line0 = logLines(id).get(0);
    store.put(
        StoreKeys.metricsLog(id),
        (line0 + "\n" + line0 + "\nnot json\n").getBytes(StandardCharsets.UTF_8),
        null);
    RunRecord.Chunk next = record.beginChunk(4, 1, scratch);
    next.commitEpoch(epoch(3, 0.3), checkpointOf(3));
    assertThat(logEpochs(id)).containsExactly(0, 1, 2, 3);
  }

  @Test
  void onlyTheLatestTwoAndTheCycleEndCheckpointsRemain() {
    RunRecord record = RunRecord.of(store, spec(2, 3, 5)); // 14 epochs, cycles end at 2, 6, 14
    String id = record.runId();
    RunRecord.Chunk chunk = record.beginChunk(5, 1, scratch);
    for (int e = 0; e < 5; e++) {
      chunk.commitEpoch(epoch(e, null), checkpointOf(e));
    }
    assertThat(checkpointKeys(id)).containsExactly(2, 2, 4, 4, 5, 5);
    RunRecord.Chunk rest = record.beginChunk(14, 1, scratch);
    for (int e = 5; e < 14; e++) {
      rest.commitEpoch(epoch(e, e == 13 ? 0.5 : null), checkpointOf(e));
    }
    assertThat(checkpointKeys(id)).containsExactly(2, 2, 6, 6, 13, 13, 14, 14);
  }

  @Test
  void theResultSummarisesTheStoredEpochsAndIsWrittenOnce() {
    RunRecord record = RunRecord.of(store, spec(1, 2, 6)); // 3 epochs
    String id = record.runId();
    assertThatThrownBy(record::finish).hasMessageContaining("has not finished");
    RunRecord.Chunk chunk = record.beginChunk(3, 1, scratch);
    chunk.commitEpoch(epoch(0, 0.3), checkpointOf(0));
    chunk.commitEpoch(epoch(1, 0.6), checkpointOf(1));
    chunk.commitEpoch(epoch(2, 0.5), checkpointOf(2));

    recording.reset();
    RunResult result = record.finish();
    assertThat(recording.gets())
        .containsExactly(
            StoreKeys.runResult(id), StoreKeys.runDivergence(id), StoreKeys.metricsLog(id));
    assertThat(result.bestTestAccuracy()).isEqualTo(0.6);
    assertThat(result.bestEpoch()).isEqualTo(1);
    assertThat(result.finalTestAccuracy()).isEqualTo(0.5);
    assertThat(result.epochs()).isEqualTo(3);
    assertThat(result.trainSeconds()).isEqualTo(3.0);
    assertThat(record.result()).hasValue(result);

    byte[] stored = store.get(StoreKeys.runResult(id)).orElseThrow();
    store.put(StoreKeys.epochMetrics(id, 2), Json.write(epoch(2, 0.9)), null);
    store.delete(StoreKeys.metricsLog(id));
    assertThat(record.finish()).isEqualTo(result);
    assertThat(store.get(StoreKeys.runResult(id)).orElseThrow()).isEqualTo(stored);
    assertThat(RunRecord.storedResult(store, id)).hasValue(result);
  }

  /** A non-finite loss keeps the epochs before it: the authors' selection counts them. */
  @Test
  void aDivergedRunKeepsTheBestBeforeTheDivergenceAndIsMarked() {
    RunRecord record = RunRecord.of(store, spec(2, 2, 7)); // 6 epochs
    RunRecord.Chunk chunk = record.beginChunk(6, 1, scratch);
    chunk.commitEpoch(epoch(0, 0.3), checkpointOf(0));
    chunk.commitEpoch(epoch(1, 0.45), checkpointOf(1));
    chunk.commitEpoch(epoch(2, 0.4), checkpointOf(2));
    Divergence divergence = new Divergence(3, 5, "the loss is NaN");
    assertThat(record.markDiverged(divergence)).isTrue();
    assertThat(record.divergence()).hasValue(divergence);

    RunResult result = record.finish();
    assertThat(result.diverged()).isTrue();
    assertThat(result.divergence()).isEqualTo(divergence);
    assertThat(result.bestTestAccuracy()).isEqualTo(0.45);
    assertThat(result.bestEpoch()).isEqualTo(1);
    assertThat(result.finalTestAccuracy()).isEqualTo(0.4);
    assertThat(result.epochs()).isEqualTo(3);
    assertThat(RunRecord.storedResult(store, record.runId()).orElseThrow().diverged()).isTrue();
  }

  @Test
  void aRunDivergedBeforeAnyEvaluationHasNothingToKeep() {
    RunRecord record = RunRecord.of(store, spec(2, 2, 8));
    RunRecord.Chunk chunk = record.beginChunk(6, 1, scratch);
    chunk.commitEpoch(epoch(0, null), checkpointOf(0));
    assertThat(record.markDiverged(new Divergence(1, 0, "the loss is Infinity"))).isFalse();
    assertThat(record.divergence()).isEmpty();
  }

  @Test
  void theResultRecordsItsProvenanceFromTheChunks() {
    RunRecord record = RunRecord.of(store, spec(1, 1, 9)); // 1 epoch
    WorkerInfo worker =
        new WorkerInfo(
            "123@host",
            "cpu: Test CPU, 2 threads",
            "0123abc",
            false,
            java.util.Map.of("djl", "0.36.0"));
    RunRecord.Chunk chunk = record.beginChunk(1, 1, scratch, worker);
    chunk.commitEpoch(epoch(0, 0.5), checkpointOf(0));
    chunk.finish();

    Provenance provenance =
        record.finish(java.util.Map.of("CUB_200_2011.tgz", "MD5 97ec")).provenance();
    assertThat(provenance.codeCommit()).isEqualTo("0123abc");
    assertThat(provenance.codeDirty()).isFalse();
    assertThat(provenance.versions()).containsEntry("djl", "0.36.0");
    assertThat(provenance.workers()).containsExactly("123@host");
    assertThat(provenance.devices()).containsExactly("cpu: Test CPU, 2 threads");
    assertThat(provenance.dataset()).isEqualTo("cub200");
    assertThat(provenance.datasetFiles()).containsEntry("CUB_200_2011.tgz", "MD5 97ec");
    assertThat(provenance.seed()).isEqualTo(9L);
    assertThat(provenance.subsetSeed()).isEqualTo(0L);
    assertThat(provenance.startedAt()).isNotNull().isLessThanOrEqualTo(provenance.endedAt());
  }

  @Test
  void aDifferentSpecUnderTheSameIdIsRefusedWithTheKey() {
    RunSpec spec = spec(2, 2, 7);
    RunRecord record = RunRecord.of(store, spec);
    record.writeSpecOnce();
    record.writeSpecOnce();
    assertThat(
            new String(
                store.get(StoreKeys.runSpec(record.runId())).orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo(spec.canonical());

    store.put(StoreKeys.runSpec(record.runId()), "{\"other\":1}".getBytes(), null);
    assertThatThrownBy(record::writeSpecOnce)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The store holds a different spec under run id "
                + record.runId()
                + " (key runs/"
                + record.runId()
                + "/spec.json): move that run aside before running this spec.");
  }

  @Test
  void epochsOutOfOrderAreRefused() {
    RunRecord record = RunRecord.of(store, spec(2, 2, 8));
    RunRecord.Chunk chunk = record.beginChunk(2, 1, scratch);
    assertThatThrownBy(() -> chunk.commitEpoch(epoch(1, null), checkpointOf(1)))
        .hasMessageContaining("expected epoch 0 next, not 1");
    assertThat(store.list(StoreKeys.runPrefix(record.runId()))).isEmpty();
  }

  /**
   * A paper-length run (372 epochs in chunks of 12): the metrics log costs one GET per chunk and
   * none per epoch. The code before RunRecord rebuilt the log after epoch n from n GETs of the
   * epoch metrics objects: 1 + 2 + ... + 372 = 69,378 GETs, 186.5 per epoch.
   */
  @Test
  void aPaperLengthRunReadsTheMetricsLogOncePerChunk() {
    RunRecord record = RunRecord.of(store, spec(12, 5, 9));
    String id = record.runId();
    assertThat(record.spec().totalEpochs()).isEqualTo(372);
    int chunks = 0;
    while (record.latestCompleteCheckpoint().orElse(0) < 372) {
      RunRecord.Chunk chunk =
          record.beginChunk(record.latestCompleteCheckpoint().orElse(0) + 12, 1, scratch);
      for (int e = chunk.from(); e < chunk.until(); e++) {
        chunk.commitEpoch(epoch(e, e == 371 ? 0.5 : null), out -> out.write(1));
      }
      chunks++;
    }
    long metricGets =
        recording.gets().stream()
            .filter(key -> key.equals(StoreKeys.metricsLog(id)) || key.contains("/metrics/"))
            .count();
    System.out.printf(
        "372 epochs in %d chunks: %d metrics GETs (%.3f per epoch)%n",
        chunks, metricGets, metricGets / 372.0);
    assertThat(chunks).isEqualTo(31);
    assertThat(metricGets).isEqualTo(chunks - 1); // the first chunk has no earlier epochs
    assertThat(logEpochs(id)).containsExactlyElementsOf(range(372));

    recording.reset();
    assertThat(record.finish().epochs()).isEqualTo(372);
    assertThat(recording.gets())
        .containsExactly(
            StoreKeys.runResult(id), StoreKeys.runDivergence(id), StoreKeys.metricsLog(id));
  }

  private static RunSpec spec(int baseEpochs, int cycles, long seed) {
    return RunTemplate.builder()
        .setDataset("cub200")
        .optSubsetSeed(0)
        .optAugmentation("crop-flip-erase")
        .optImageSides(512, 448)
        .setArchitecture("resnet50")
        .setLoss("cosine")
        .setBatchSize(96)
        .optSchedule(ScheduleRecipe.sgdr(cycles, baseEpochs))
        .build()
        .run(0.5, seed);
  }

  private static EpochRecord epoch(int epoch, Double testAccuracy) {
    return new EpochRecord(epoch, 0.1, 1.0 / (epoch + 1), 0.5, testAccuracy, 1.0, 100);
  }

  private static RunRecord.CheckpointWriter checkpointOf(int epoch) {
    return out -> out.write(epoch);
  }

  private static List<String> logLines(String runId) {
    return new String(store.get(StoreKeys.metricsLog(runId)).orElseThrow(), StandardCharsets.UTF_8)
        .lines()
        .toList();
  }

  private static List<Integer> logEpochs(String runId) {
    return logLines(runId).stream()
        .map(line -> Json.read(line.getBytes(StandardCharsets.UTF_8), EpochRecord.class).epoch())
        .toList();
  }

  private static List<Integer> range(int count) {
    return IntStream.range(0, count).boxed().toList();
  }

  /** The epochs of the checkpoint objects (data and manifest) that exist, in key order. */
  private static List<Integer> checkpointKeys(String runId) {
    String prefix = StoreKeys.checkpointsPrefix(runId);
    return store.list(prefix).stream()
        .map(key -> Integer.parseInt(key.substring(prefix.length(), prefix.length() + 4)))
        .toList();
  }

  /** Records the keys of GET and PUT requests, and fails the PUTs it is told to. */
  static final class Recording extends ForwardingBlobStore {
    private final List<String> gets = Collections.synchronizedList(new ArrayList<>());
    private final List<String> puts = Collections.synchronizedList(new ArrayList<>());
    private volatile Predicate<String> failPut = key -> false;
    private final AtomicLong failures = new AtomicLong();

    Recording(BlobStore delegate) {
      super(delegate);
    }

    void reset() {
      gets.clear();
      puts.clear();
    }

    void failPutsOf(Predicate<String> keys) {
      failPut = keys;
    }

    List<String> gets() {
      return List.copyOf(gets);
    }

    List<String> puts() {
      return List.copyOf(puts);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
      gets.add(request.key());
      return super.getBlob(request);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
      if (failPut.test(request.key())) {
        failures.incrementAndGet();
        throw new IllegalStateException("simulated crash before writing " + request.key());
      }
      puts.add(request.key());
      return super.putBlob(request, content);
    }
  }
}
