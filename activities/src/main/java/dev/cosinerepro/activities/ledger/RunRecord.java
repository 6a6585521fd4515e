package dev.cosinerepro.activities.ledger;

import dev.cosinerepro.datasets.io.FileTrees;
import dev.cosinerepro.storage.Json;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.StoreKeys;
import dev.cosinerepro.workflows.spec.Divergence;
import dev.cosinerepro.workflows.spec.EpochRecord;
import dev.cosinerepro.workflows.spec.Provenance;
import dev.cosinerepro.workflows.spec.RunResult;
import dev.cosinerepro.workflows.spec.RunSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the object store holds of one run, and the only code that reads or writes it: the
 * spec, the checkpoints and their retention, the per-epoch metrics and the metrics log, the chunk
 * timings and the result. The keys are {@link StoreKeys}' (unchanged; users fetch by them):
 *
 * <pre>
 * runs/&lt;id&gt;/spec.json                         write-once; a different spec under the id is refused
 * runs/&lt;id&gt;/checkpoints/&lt;n&gt;/model.bin          the state after n epochs
 * runs/&lt;id&gt;/checkpoints/&lt;n&gt;/manifest.json      written last: the checkpoint is complete once it exists
 * runs/&lt;id&gt;/metrics/epoch-&lt;e&gt;.json             epoch e's metrics (the source of truth)
 * runs/&lt;id&gt;/metrics.jsonl                      every completed epoch's metrics, one line each, in order
 * runs/&lt;id&gt;/chunks/&lt;from&gt;-&lt;until&gt;-a&lt;k&gt;.json   where a training chunk's wall time went
 * runs/&lt;id&gt;/result.json                        write-once summary of the finished run
 * </pre>
 *
 * <p><b>Commit order.</b> {@link Chunk#commitEpoch} writes, in this order, the checkpoint data, the
 * epoch's metrics object, the metrics log and the checkpoint manifest (write-once), then prunes the
 * checkpoints that are no longer kept, each manifest before its data. The data may be staged first
 * ({@link Chunk#stageCheckpoint}), while the epoch is evaluated, and the rest committed afterwards:
 * the order in the store is the same. An epoch counts as done exactly when its manifest exists, so
 * a crash anywhere before the manifest makes the next chunk train that epoch again; the spec and
 * the result are written with {@code If-None-Match}, so they never change once written.
 *
 * <p><b>The metrics log.</b> S3 has no append, so the log is rewritten whole after every epoch. It
 * used to be rebuilt by reading every earlier epoch's metrics object after every epoch: n GETs
 * after epoch n, 69,378 over a 372-epoch run. A {@link Chunk} instead reads the stored log once (on
 * its first commit), keeps its content in memory for the life of the chunk and appends each epoch's
 * line there before rewriting the object: one GET per chunk and none per epoch, with the same PUT
 * as before. Per-chunk log segments assembled into the log were the alternative, but the log must
 * hold every line after every epoch, so each epoch would still read all segments back, and the
 * layout would gain objects that users see.
 *
 * <p><b>Crashes.</b> The log is written before the manifest, so a crash between the two leaves a
 * line for an epoch that is not complete. When a chunk reads the stored log it keeps only the lines
 * of epochs before its first epoch (the latest complete checkpoint), the first line of each epoch,
 * in epoch order, and drops the rest: the epoch trained again appears once, in order. An epoch
 * missing from the log (a crash between the metrics object and the log, a log lost or written by
 * older code) is filled in from its metrics object, which is always written before the log. The
 * in-memory log assumes one writer per run at a time, which Temporal gives: one attempt of a chunk
 * runs at a time, and a new attempt reads the log afresh.
 *
 * <p><b>Damaged checkpoints.</b> The manifest carries the data's size and SHA-256. A chunk that
 * resumes fetches the latest checkpoint's data into its scratch folder and checks both; a
 * checkpoint that is missing, truncated or changed in the store is logged as damaged, removed
 * (manifest first) together with every later one, and the chunk falls back to the previous complete
 * checkpoint that checks out (or to the start). The verified copy is what the trainer restores.
 *
 * <p><b>Retention.</b> The latest two complete checkpoints are kept (the newest to resume from, the
 * one before in case the newest turns out unreadable) and the one at the end of every SGDR cycle
 * (snapshots that successive halving and later analysis resume from). A paper-scale ResNet-50
 * checkpoint with its momentum is about 190 MB; keeping all 372 would need 70 GB per run. A chunk
 * lists the checkpoints once at its start and then tracks them itself.
 */
public final class RunRecord {
  private static final Logger LOG = LoggerFactory.getLogger(RunRecord.class);
  private static final String JSON = "application/json";
  private static final String NDJSON = "application/x-ndjson";

  private final ObjectStore store;
  private final RunSpec spec;
  private final String runId;

  private RunRecord(ObjectStore store, RunSpec spec) {
    this.store = Objects.requireNonNull(store, "store");
    this.spec = Objects.requireNonNull(spec, "spec");
    this.runId = spec.id();
  }

  /**
   * The record of a run.
   *
   * @param store the object store
   * @param spec the run
   * @return its record (nothing is read or written yet)
   */
  public static RunRecord of(ObjectStore store, RunSpec spec) {
    return new RunRecord(store, spec);
  }

  /** Writes a checkpoint's content to a stream, for example {@code trainer::saveCheckpoint}. */
  @FunctionalInterface
  public interface CheckpointWriter {
    /**
     * Writes the checkpoint.
     *
     * @param out where to write it; the caller closes it
     * @throws IOException if writing fails
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /** The run's id, the hash of its spec. */
  public String runId() {
    return runId;
  }

  /** The run's spec. */
  public RunSpec spec() {
    return spec;
  }

  /**
   * Writes the spec under the run id unless one is there, and checks that a stored one is the same.
   *
   * @throws IllegalArgumentException if the store holds a different spec under the run id
   */
  public void writeSpecOnce() {
    String key = StoreKeys.runSpec(runId);
    String canonical = spec.canonical();
    if (!store.putIfAbsent(key, canonical.getBytes(StandardCharsets.UTF_8), JSON)) {
      String stored =
          store.get(key).map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse(canonical);
      if (!canonical.equals(stored)) {
        throw new IllegalArgumentException(
            "The store holds a different spec under run id "
                + runId
                + " (key "
                + key
                + "): move that run aside before running this spec.");
      }
    }
  }

  /**
   * The epochs covered by the run's latest complete checkpoint (one with a manifest).
   *
   * @return the epoch count, or empty when the run has no complete checkpoint
   */
  public OptionalInt latestCompleteCheckpoint() {
    return completeCheckpoints().stream().mapToInt(Integer::intValue).max();
  }

  /**
   * Opens the data of the checkpoint after {@code epochs} epochs. The caller closes the stream.
   *
   * @param epochs the epochs the checkpoint covers
   * @return the checkpoint's content
   */
  public InputStream openCheckpoint(int epochs) {
    return store.open(StoreKeys.checkpointData(runId, epochs));
  }

  /**
   * Starts a training chunk: finds the latest complete checkpoint to resume from. Nothing else is
   * read until the first epoch is committed.
   *
   * @param untilEpoch the epoch count the chunk should reach (capped at the run's total)
   * @param attempt the activity attempt, for the chunk timing's key
   * @param scratch a private folder for checkpoint files on their way to the store
   * @return the chunk
   */
  public Chunk beginChunk(int untilEpoch, int attempt, Path scratch) {
    return new Chunk(untilEpoch, attempt, scratch, null);
  }

  /**
   * Starts a training chunk on a known worker, whose identity, device, code and library versions
   * the chunk's timing records for the result's {@link Provenance}.
   *
   * @param untilEpoch the epoch count the chunk should reach (capped at the run's total)
   * @param attempt the activity attempt, for the chunk timing's key
   * @param scratch a private folder for checkpoint files on their way to the store
   * @param worker the worker training the chunk
   * @return the chunk
   */
  public Chunk beginChunk(int untilEpoch, int attempt, Path scratch, WorkerInfo worker) {
    return new Chunk(untilEpoch, attempt, scratch, Objects.requireNonNull(worker, "worker"));
  }

  /** Where the run's loss diverged, if it did. */
  public Optional<Divergence> divergence() {
    return store.get(StoreKeys.runDivergence(runId)).map(json -> Json.read(json, Divergence.class));
  }

  /**
   * Notes that the run's loss diverged, if an epoch before the divergence was evaluated: the run
   * then trains no further, and its result keeps those epochs (the authors' selection counts them),
   * marked diverged.
   *
   * @param divergence where the loss became non-finite
   * @return false when no epoch before it has a test accuracy: there is nothing to keep, and the
   *     caller fails the run
   */
  public boolean markDiverged(Divergence divergence) {
    boolean anyEvaluated = false;
    for (int epoch = 0; epoch < divergence.epoch() && !anyEvaluated; epoch++) {
      anyEvaluated = epoch(epoch).map(e -> e.testAccuracy() != null).orElse(false);
    }
    if (!anyEvaluated) {
      return false;
    }
    store.putIfAbsent(StoreKeys.runDivergence(runId), Json.write(divergence), JSON);
    LOG.warn("Run {} diverged at epoch {}: {}", runId, divergence.epoch(), divergence.reason());
    return true;
  }

  /**
   * The stored timings of the run's training chunks, in key order (by start epoch, end epoch,
   * attempt as text).
   *
   * @return the timings, empty when no chunk has finished
   */
  public List<ChunkTiming> chunkTimings() {
    return storedChunkTimings(store, runId);
  }

  /**
   * The stored timings of a run's training chunks, without its spec.
   *
   * @param store the object store
   * @param runId the run id
   * @return the timings in key order, empty when none
   */
  public static List<ChunkTiming> storedChunkTimings(ObjectStore store, String runId) {
    List<ChunkTiming> timings = new ArrayList<>();
    for (String key : store.list(StoreKeys.runPrefix(runId) + "chunks/")) {
      if (key.endsWith(".json")) {
        store.get(key).ifPresent(bytes -> timings.add(Json.read(bytes, ChunkTiming.class)));
      }
    }
    return timings;
  }

  /**
   * The distinct workers that trained a run's chunks, in the order of the chunks; chunks whose
   * timing names no worker are left out.
   *
   * @param store the object store
   * @param runId the run id
   * @return the workers' identities
   */
  public static List<String> storedWorkers(ObjectStore store, String runId) {
    return storedChunkTimings(store, runId).stream()
        .map(ChunkTiming::worker)
        .filter(Objects::nonNull)
        .map(WorkerInfo::identity)
        .filter(Objects::nonNull)
        .distinct()
        .toList();
  }

  /** The stored metrics of one epoch (0-based), if it has been committed. */
  public Optional<EpochRecord> epoch(int epoch) {
    return store
        .get(StoreKeys.epochMetrics(runId, epoch))
        .map(json -> Json.read(json, EpochRecord.class));
  }

  /**
   * Every epoch's metrics of a finished run, in epoch order: from the metrics log (one GET), with
   * any epoch missing there read from its own metrics object.
   *
   * @throws IllegalStateException if an epoch has no metrics: the run has not finished
   */
  public List<EpochRecord> readEpochs() {
    return readEpochs(spec.totalEpochs());
  }

  private List<EpochRecord> readEpochs(int count) {
    List<EpochRecord> epochs = new ArrayList<>();
    for (Map.Entry<Integer, String> line : metricLines(count).entrySet()) {
      if (line.getKey() != epochs.size()) {
        throw new IllegalStateException(
            "Run "
                + runId
                + " has no metrics at "
                + StoreKeys.epochMetrics(runId, epochs.size())
                + ": it has not finished");
      }
      epochs.add(Json.read(line.getValue().getBytes(StandardCharsets.UTF_8), EpochRecord.class));
    }
    if (epochs.size() < count) {
      throw new IllegalStateException(
          "Run "
              + runId
              + " has no metrics at "
              + StoreKeys.epochMetrics(runId, epochs.size())
              + ": it has not finished");
    }
    return epochs;
  }

  /** The run's stored result, if it has finished. */
  public Optional<RunResult> result() {
    return storedResult(store, runId);
  }

  /**
   * Summarises the finished run into its result and stores it, once: a result already there is
   * returned as it is, and of two writers racing, both return the one that was stored.
   *
   * @return the stored result
   * @throws IllegalStateException if the run has not finished
   */
  public RunResult finish() {
    return finish(Map.of());
  }

  /**
   * Summarises the finished (or diverged) run into its result with its {@link Provenance} and
   * stores it, once, like {@link #finish()}.
   *
   * @param datasetFiles the checksum of every file of the run's dataset, by name
   * @return the stored result
   * @throws IllegalStateException if the run has neither finished nor diverged
   */
  public RunResult finish(Map<String, String> datasetFiles) {
    Optional<RunResult> existing = result();
    if (existing.isPresent()) {
      return existing.get();
    }
    Optional<Divergence> divergence = divergence();
    List<EpochRecord> epochs =
        readEpochs(divergence.map(Divergence::epoch).orElse(spec.totalEpochs()));
    RunResult result =
        summarise(spec, epochs, divergence.orElse(null)).withProvenance(provenance(datasetFiles));
    if (!store.putIfAbsent(StoreKeys.runResult(runId), Json.write(result), JSON)) {
      return result().orElse(result);
    }
    return result;
  }

  /**
   * The stored result of a run known only by its id (reports).
   *
   * @param store the object store
   * @param runId the run id
   * @return the result, or empty when the run has none
   */
  public static Optional<RunResult> storedResult(ObjectStore store, String runId) {
    return store.get(StoreKeys.runResult(runId)).map(json -> Json.read(json, RunResult.class));
  }

  /**
   * The epochs a run has committed so far, in epoch order, from its metrics log (one GET): the
   * first line of each epoch, stopping at an unreadable line. Empty when nothing is stored. For
   * reports and live views, which show unfinished runs too.
   *
   * @param store the object store
   * @param runId the run id
   */
  public static List<EpochRecord> storedEpochs(ObjectStore store, String runId) {
    Optional<byte[]> log = store.get(StoreKeys.metricsLog(runId));
    TreeMap<Integer, EpochRecord> epochs = new TreeMap<>();
    if (log.isPresent()) {
      for (String line : new String(log.get(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        try {
          EpochRecord epoch = Json.read(line.getBytes(StandardCharsets.UTF_8), EpochRecord.class);
          epochs.putIfAbsent(epoch.epoch(), epoch);
        } catch (IllegalArgumentException e) {
          LOG.warn("Run {}: reading its metrics log up to an unreadable line", runId, e);
          break;
        }
      }
    }
    return List.copyOf(epochs.values());
  }

  /**
   * Summarises a finished run: the best test accuracy after any evaluated epoch (the earliest on a
   * tie), the final-epoch accuracy, and the summed wall time.
   *
   * @throws IllegalStateException if the final epoch has no test accuracy
   */
  public static RunResult summarise(RunSpec spec, List<EpochRecord> epochs) {
    return summarise(spec, epochs, null);
  }

  /**
   * Summarises a run that finished or diverged: for a diverged run the figures are over the epochs
   * before the divergence, and the final accuracy is the last one evaluated.
   *
   * @param divergence where the loss diverged, or {@code null}
   * @throws IllegalStateException if a finished run's final epoch, or every epoch of a diverged
   *     one, has no test accuracy
   */
  public static RunResult summarise(RunSpec spec, List<EpochRecord> epochs, Divergence divergence) {
    double best = Double.NEGATIVE_INFINITY;
    int bestEpoch = -1;
    double seconds = 0;
    Double last = null;
    for (EpochRecord epoch : epochs) {
      seconds += epoch.seconds();
      if (epoch.testAccuracy() != null) {
        last = epoch.testAccuracy();
        if (last > best) {
          best = last;
          bestEpoch = epoch.epoch();
        }
      }
    }
    if (last == null
        || (divergence == null && epochs.get(epochs.size() - 1).testAccuracy() == null)) {
      throw new IllegalStateException(
          "Run " + spec.id() + " has no test accuracy after its final epoch");
    }
    return new RunResult(
        spec.id(), spec, best, bestEpoch, last, epochs.size(), seconds, divergence, null);
  }

  /** The provenance of the run's training, from its chunk timings. */
  private Provenance provenance(Map<String, String> datasetFiles) {
    List<ChunkTiming> chunks = new ArrayList<>();
    for (String key : store.list(StoreKeys.runPrefix(runId) + "chunks/")) {
      store.get(key).map(json -> Json.read(json, ChunkTiming.class)).ifPresent(chunks::add);
    }
    chunks.sort(
        Comparator.comparingInt(ChunkTiming::fromEpoch).thenComparingInt(ChunkTiming::attempt));
    LinkedHashSet<String> commits = new LinkedHashSet<>();
    LinkedHashSet<String> workers = new LinkedHashSet<>();
    LinkedHashSet<String> devices = new LinkedHashSet<>();
    Boolean dirty = null;
    Map<String, String> versions = Map.of();
    String started = null;
    String ended = null;
    for (ChunkTiming chunk : chunks) {
      if (chunk.startedAt() != null
          && (started == null || chunk.startedAt().compareTo(started) < 0)) {
        started = chunk.startedAt();
      }
      if (chunk.endedAt() != null && (ended == null || chunk.endedAt().compareTo(ended) > 0)) {
        ended = chunk.endedAt();
      }
      WorkerInfo worker = chunk.worker();
      if (worker != null) {
        commits.add(worker.codeCommit());
        workers.add(worker.identity());
        devices.add(worker.device());
        dirty = worker.codeDirty() == null ? dirty : (dirty != null && dirty) || worker.codeDirty();
        versions = worker.versions();
      }
    }
    return new Provenance(
        commits.isEmpty() ? "unknown" : String.join(", ", commits),
        dirty,
        versions,
        List.copyOf(workers),
        List.copyOf(devices),
        spec.dataset(),
        datasetFiles,
        null,
        spec.seed(),
        spec.template().data().subsetSeed(),
        started,
        ended);
  }

  /**
   * Whether the checkpoint after {@code epochs} epochs is kept once {@code latest} epochs are
   * complete: the latest two and every SGDR cycle end.
   *
   * @param spec the run
   * @param latest epochs of the latest complete checkpoint
   * @param epochs epochs of the checkpoint in question
   */
  public static boolean keepsCheckpoint(RunSpec spec, int latest, int epochs) {
    return epochs >= latest - 1 || isCycleEnd(spec, epochs);
  }

  /** Whether an epoch count ends an SGDR cycle: base, 3 base, 7 base, ... */
  public static boolean isCycleEnd(RunSpec spec, int epochs) {
    return spec.cycleEnds().contains(epochs);
  }

  private TreeSet<Integer> completeCheckpoints() {
    TreeSet<Integer> epochs = new TreeSet<>();
    for (String key : store.list(StoreKeys.checkpointsPrefix(runId))) {
      StoreKeys.manifestEpoch(runId, key).ifPresent(epochs::add);
    }
    return epochs;
  }

  /**
   * The metrics lines of epochs {@code 0 .. limit-1}, by epoch: the stored log's (the first line of
   * each epoch; unreadable lines and everything after them are ignored), then each epoch still
   * missing from its metrics object where that exists.
   */
  private TreeMap<Integer, String> metricLines(int limit) {
    TreeMap<Integer, String> lines = new TreeMap<>();
    if (limit <= 0) {
      return lines;
    }
    Optional<byte[]> log = store.get(StoreKeys.metricsLog(runId));
    if (log.isPresent()) {
      for (String line : new String(log.get(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        int epoch;
        try {
          epoch = Json.read(line.getBytes(StandardCharsets.UTF_8), EpochRecord.class).epoch();
        } catch (IllegalArgumentException e) {
          LOG.warn("Run {}: ignoring the metrics log from an unreadable line on", runId, e);
          break;
        }
        if (epoch >= 0 && epoch < limit) {
          lines.putIfAbsent(epoch, line);
        }
      }
    }
    for (int epoch = 0; epoch < limit; epoch++) {
      if (!lines.containsKey(epoch)) {
        int missing = epoch;
        store
            .get(StoreKeys.epochMetrics(runId, epoch))
            .ifPresent(json -> lines.put(missing, new String(json, StandardCharsets.UTF_8)));
      }
    }
    return lines;
  }

  /**
   * One training chunk of the run: the epochs from the latest complete checkpoint up to a target,
   * committed one by one, and where the chunk's time went. Not thread-safe: one per activity
   * attempt, called by one thread at a time (the training thread, then a committing thread its
   * calls are handed to in order).
   */
  public final class Chunk {
    private final long started = System.nanoTime();
    private final int attempt;
    private final Path scratch;
    private final int from;
    private final int until;
    private final TreeSet<Integer> checkpoints;
    private final List<String> damaged = new ArrayList<>();
    private Path resumeFile;
    private final List<EpochRecord> committed = new ArrayList<>();
    private StringBuilder log;
    private double setupSeconds = -1;
    private double commitSeconds;
    private final String startedAt = Instant.now().toString();
    private final WorkerInfo worker;

    private Chunk(int untilEpoch, int attempt, Path scratch, WorkerInfo worker) {
      this.worker = worker;
      this.attempt = attempt;
      this.scratch = Objects.requireNonNull(scratch, "scratch");
      this.checkpoints = completeCheckpoints();
      this.until = Math.min(untilEpoch, spec.totalEpochs());
      this.from = resumePoint();
    }

    /**
     * The epochs of the latest checkpoint whose data checks out, fetched into {@link #resumeFile};
     * damaged ones are removed. Without work left, nothing is fetched.
     */
    private int resumePoint() {
      while (!checkpoints.isEmpty()) {
        int latest = checkpoints.last();
        if (latest >= until) {
          return latest;
        }
        Optional<String> problem = fetchVerified(latest);
        if (problem.isEmpty()) {
          return latest;
        }
        String message =
            "Run "
                + runId
                + ": the checkpoint after "
                + latest
                + " epochs is damaged ("
                + problem.get()
                + "); resuming from "
                + (checkpoints.lower(latest) == null
                    ? "the start"
                    : "the one after " + checkpoints.lower(latest) + " epochs");
        LOG.warn(message);
        damaged.add(message);
        store.delete(StoreKeys.checkpointManifest(runId, latest));
        store.delete(StoreKeys.checkpointData(runId, latest));
        checkpoints.remove(latest);
      }
      return 0;
    }

    /** Fetches a checkpoint's data and checks it against its manifest; empty when it is whole. */
    private Optional<String> fetchVerified(int epochs) {
      CheckpointManifest manifest;
      try {
        Optional<byte[]> json = store.get(StoreKeys.checkpointManifest(runId, epochs));
        if (json.isEmpty()) {
          return Optional.of("its manifest is gone");
        }
        manifest = Json.read(json.get(), CheckpointManifest.class);
      } catch (IllegalArgumentException e) {
        return Optional.of("its manifest is unreadable");
      }
      String dataKey = StoreKeys.checkpointData(runId, epochs);
      if (!store.exists(dataKey)) {
        return Optional.of(dataKey + " is missing");
      }
      try {
        Files.createDirectories(scratch);
        Path file = Files.createTempFile(scratch, "resume-", ".bin");
        store.download(dataKey, file);
        long bytes = Files.size(file);
        String problem = null;
        if (bytes != manifest.dataBytes()) {
          problem = dataKey + " has " + bytes + " bytes, its manifest says " + manifest.dataBytes();
        } else if (manifest.dataSha256() != null && !manifest.dataSha256().equals(sha256(file))) {
          problem = dataKey + " does not match the SHA-256 in its manifest";
        }
        if (problem != null) {
          Files.deleteIfExists(file);
          return Optional.of(problem);
        }
        resumeFile = file;
        return Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot fetch the checkpoint " + dataKey, e);
      }
    }

    /**
     * The verified data of the checkpoint the chunk resumes from ({@link #from()} epochs); the
     * scratch copy is removed when the stream is closed.
     *
     * @throws IllegalStateException when the chunk starts from scratch or has no work
     */
    public InputStream openResumeCheckpoint() throws IOException {
      if (resumeFile == null) {
        throw new IllegalStateException(
            "Run "
                + runId
                + ": the chunk from epoch "
                + from
                + " has no checkpoint to resume from");
      }
      Path file = resumeFile;
      resumeFile = null;
      return new java.io.FilterInputStream(Files.newInputStream(file)) {
        @Override
        public void close() throws IOException {
          super.close();
          Files.deleteIfExists(file);
        }
      };
    }

    /** What was found damaged when the chunk chose its resume point: one sentence each. */
    public List<String> damagedCheckpoints() {
      return Collections.unmodifiableList(damaged);
    }

    /** Epochs complete when the chunk started: the first epoch it trains (0-based). */
    public int from() {
      return from;
    }

    /** The epoch count the chunk trains up to. */
    public int until() {
      return until;
    }

    /** Whether there is an epoch left to train. */
    public boolean hasWork() {
      return from < until;
    }

    /** Marks the end of setup (data, network, restore): the chunk timing's setup seconds. */
    public void trainingStarts() {
      setupSeconds = seconds(started);
    }

    /**
     * Commits the next epoch: writes the checkpoint to a scratch file, then as {@link
     * #commitEpoch(EpochRecord, Path)}.
     *
     * @param epoch the epoch's metrics; its number must be {@code from() + committed().size()}
     * @param checkpoint writes the state after the epoch
     */
    public void commitEpoch(EpochRecord epoch, CheckpointWriter checkpoint) {
      Path file = writeCheckpoint(checkpoint);
      try {
        commitEpoch(epoch, file);
      } finally {
        FileTrees.deleteQuietly(file);
      }
    }

    /**
     * Writes a checkpoint to a new file in the chunk's scratch folder, which the caller removes
     * once it is committed.
     *
     * @param checkpoint writes the state after the epoch
     * @return the file
     */
    public Path writeCheckpoint(CheckpointWriter checkpoint) {
      Path file = null;
      try {
        Files.createDirectories(scratch);
        file = Files.createTempFile(scratch, "checkpoint-", ".bin");
        try (OutputStream out = Files.newOutputStream(file)) {
          checkpoint.writeTo(out);
        }
        return file;
      } catch (IOException e) {
        if (file != null) {
          FileTrees.deleteQuietly(file);
        }
        throw new UncheckedIOException("Cannot write the checkpoint of run " + runId, e);
      }
    }

    /**
     * Commits the next epoch: the checkpoint data, the epoch's metrics object, the metrics log with
     * the epoch's line appended, the manifest last; then prunes the checkpoints no longer kept. The
     * same as {@link #stageCheckpoint} followed by {@link #commitEpoch(EpochRecord,
     * StagedCheckpoint)}.
     *
     * @param epoch the epoch's metrics; its number must be {@code from() + committed().size()}
     * @param checkpointFile the state after the epoch
     * @throws IllegalStateException if the epoch is not the next one, or past {@link #until()}
     */
    public void commitEpoch(EpochRecord epoch, Path checkpointFile) {
      requireNext(epoch.epoch());
      commitEpoch(epoch, stageCheckpoint(checkpointFile));
    }

    /**
     * Uploads the data of the next epoch's checkpoint, which is not complete until {@link
     * #commitEpoch(EpochRecord, StagedCheckpoint)} writes its manifest. The state after an epoch's
     * training does not change when it is evaluated, so the upload may overlap the evaluation.
     *
     * @param checkpointFile the state after epoch {@code from() + committed().size()}
     * @return what the manifest will record of the data
     * @throws IllegalStateException if the chunk has committed all its epochs
     */
    public StagedCheckpoint stageCheckpoint(Path checkpointFile) {
      long staging = System.nanoTime();
      int completed = requireNext(from + committed.size()) + 1;
      String dataKey = StoreKeys.checkpointData(runId, completed);
      long size;
      try {
        size = Files.size(checkpointFile);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the checkpoint file " + checkpointFile, e);
      }
      store.putFile(dataKey, checkpointFile, "application/octet-stream");
      StagedCheckpoint staged =
          new StagedCheckpoint(completed, dataKey, size, sha256(checkpointFile));
      commitSeconds += seconds(staging);
      return staged;
    }

    /**
     * Completes the next epoch whose checkpoint data is stored: the epoch's metrics object, the
     * metrics log with the epoch's line appended, the manifest last; then prunes the checkpoints no
     * longer kept.
     *
     * @param epoch the epoch's metrics; its number must be {@code from() + committed().size()}
     * @param checkpoint the epoch's data, from {@link #stageCheckpoint}
     * @throws IllegalStateException if the epoch is not the next one, or the data is another
     *     epoch's
     */
    public void commitEpoch(EpochRecord epoch, StagedCheckpoint checkpoint) {
      long committing = System.nanoTime();
      int completed = requireNext(epoch.epoch()) + 1;
      if (checkpoint.epochs() != completed) {
        throw new IllegalStateException(
            "Run "
                + runId
                + ": epoch "
                + epoch.epoch()
                + " cannot be committed with the checkpoint after "
                + checkpoint.epochs()
                + " epochs");
      }
      if (log == null) {
        log = new StringBuilder();
        metricLines(from).values().forEach(line -> log.append(line).append('\n'));
      }
      byte[] metrics = Json.write(epoch);
      store.put(StoreKeys.epochMetrics(runId, epoch.epoch()), metrics, JSON);
      log.append(new String(metrics, StandardCharsets.UTF_8)).append('\n');
      store.put(
          StoreKeys.metricsLog(runId), log.toString().getBytes(StandardCharsets.UTF_8), NDJSON);
      CheckpointManifest manifest =
          new CheckpointManifest(
              runId,
              completed,
              checkpoint.dataKey(),
              checkpoint.bytes(),
              epoch,
              checkpoint.sha256());
      store.putIfAbsent(StoreKeys.checkpointManifest(runId, completed), Json.write(manifest), JSON);
      committed.add(epoch);
      checkpoints.add(completed);
      prune(completed);
      commitSeconds += seconds(committing);
    }

    /** Checks that {@code epoch} is the next one to commit, and returns it. */
    private int requireNext(int epoch) {
      int expected = from + committed.size();
      if (epoch != expected || expected >= until) {
        throw new IllegalStateException(
            "Run "
                + runId
                + ": the chunk from epoch "
                + from
                + " until "
                + until
                + " expected epoch "
                + expected
                + " next, not "
                + epoch);
      }
      return epoch;
    }

    /** Removes the checkpoints no longer kept, each manifest before its data. */
    private void prune(int latest) {
      for (Integer epochs : List.copyOf(checkpoints)) {
        if (!keepsCheckpoint(spec, latest, epochs)) {
          store.delete(StoreKeys.checkpointManifest(runId, epochs));
          store.delete(StoreKeys.checkpointData(runId, epochs));
          checkpoints.remove(epochs);
        }
      }
    }

    /** The epochs committed so far, in order. */
    public List<EpochRecord> committed() {
      return Collections.unmodifiableList(committed);
    }

    /**
     * Stores where the chunk's time went under {@code runs/<id>/chunks/} and returns it, for a
     * chunk that committed every epoch as it trained.
     *
     * @return the timing
     */
    public ChunkTiming finish() {
      return finish(null);
    }

    /**
     * Stores where the chunk's time went under {@code runs/<id>/chunks/} and returns it.
     *
     * @param commitWaitSeconds how long training waited for commits made alongside it ({@code
     *     null}: the commits did not overlap training)
     * @return the timing
     */
    public ChunkTiming finish(Double commitWaitSeconds) {
      double wall = seconds(started);
      double epochSeconds = committed.stream().mapToDouble(EpochRecord::seconds).sum();
      ChunkTiming timing =
          new ChunkTiming(
              from,
              until,
              attempt,
              wall,
              epochSeconds,
              setupSeconds < 0 ? wall : setupSeconds,
              commitSeconds,
              commitWaitSeconds,
              startedAt,
              Instant.now().toString(),
              worker);
      store.put(StoreKeys.chunkTiming(runId, from, until, attempt), Json.write(timing), JSON);
      return timing;
    }
  }

  /**
   * A checkpoint's data in the store, waiting for its manifest.
   *
   * @param epochs the epochs the checkpoint holds
   * @param dataKey where its data is stored
   * @param bytes the data's size
   * @param sha256 the data's SHA-256, in hex
   */
  public record StagedCheckpoint(int epochs, String dataKey, long bytes, String sha256) {}

  private static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return java.util.HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the checkpoint file " + file, e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
