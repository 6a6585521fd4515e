package dev.cosinerepro.activities.training;

import ai.djl.training.dataset.Batch;
import dev.cosinerepro.activities.Failures;
import dev.cosinerepro.activities.recipe.RecipeResolver;
import dev.cosinerepro.activities.recipe.ResolvedRecipe;
import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.cache.ImageCache;
import dev.cosinerepro.datasets.cache.ImageSource;
import dev.cosinerepro.datasets.image.ImageSet;
import dev.cosinerepro.datasets.transform.AugmentTransform;
import dev.cosinerepro.datasets.transform.CropTransform;
import dev.cosinerepro.datasets.transform.Normalization;
import dev.cosinerepro.model.EpochStats;
import dev.cosinerepro.model.EvalStats;
import dev.cosinerepro.model.ModelTrainer;
import dev.cosinerepro.model.NonFiniteLossException;
import dev.cosinerepro.storage.CheckpointIndex;
import dev.cosinerepro.storage.Json;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.StoreKeys;
import dev.cosinerepro.workflows.FailureTypes;
import dev.cosinerepro.workflows.activity.TrainingActivities;
import dev.cosinerepro.workflows.spec.ChunkResult;
import dev.cosinerepro.workflows.spec.EpochRecord;
import dev.cosinerepro.workflows.spec.PreparedData;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.TrainingRequest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * Trains a chunk of epochs of one run.
 *
 * <p>The durable record is the object store, not the heartbeat: the chunk starts from the latest
 * checkpoint that has a manifest, so a retry on any worker continues where the last complete epoch
 * left off. After every epoch it writes, in this order, the checkpoint data, the epoch's metrics
 * and the checkpoint manifest; an epoch counts as done only once its manifest exists.
 */
public final class TrainingActivitiesImpl implements TrainingActivities {

  private final ObjectStore store;
  private final ShardCache shards;
  private final TrainingMetrics metrics;
  private final Path scratch;
  private final Path dataHome;

  /**
   * Creates the activities.
   *
   * @param store the object store
   * @param shards the cache of data shards
   * @param metrics the live series
   * @param dataHome the data folder (image caches of file datasets are kept under it)
   */
  public TrainingActivitiesImpl(
      ObjectStore store, ShardCache shards, TrainingMetrics metrics, Path dataHome) {
    this.store = store;
    this.shards = shards;
    this.metrics = metrics;
    this.dataHome = dataHome;
    this.scratch = dataHome.resolve("tmp");
  }

  @Override
  public ChunkResult train(TrainingRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    return trainChunk(request, context::heartbeat, context.getInfo().getAttempt());
  }

  /** Trains the chunk as attempt 1 (for callers outside an activity). */
  public ChunkResult trainChunk(TrainingRequest request, Consumer<TrainingHeartbeat> heartbeat) {
    return trainChunk(request, heartbeat, 1);
  }

  /**
   * Trains the chunk, reporting liveness to {@code heartbeat} (which may throw to cancel).
   *
   * @param request the chunk
   * @param heartbeat called after every step with the current {@link TrainingHeartbeat}
   * @return the epochs trained
   */
  public ChunkResult trainChunk(
      TrainingRequest request, Consumer<TrainingHeartbeat> heartbeat, int attempt) {
    long chunkStarted = System.nanoTime();
    RunSpec spec = request.spec();
    String runId = spec.id();
    int start = CheckpointIndex.latestComplete(store, runId).orElse(0);
    int until = Math.min(request.untilEpoch(), spec.totalEpochs());
    if (start >= until) {
      return new ChunkResult(start, List.of());
    }
    PreparedData data = request.data();
    Normalization normalization = new Normalization(toFloats(data.mean()), toFloats(data.std()));
    TrainingMetrics.RunSeries series =
        metrics.run(runId, spec.dataset(), spec.loss(), spec.samplesPerClass());

    List<EpochRecord> trained = new ArrayList<>();
    float[][] embeddings =
        request.embeddingKey() == null ? null : Embeddings.load(store, request.embeddingKey());
    double commitSeconds = 0;
    double setupSeconds;
    ResolvedRecipe recipe = resolve(spec);
    try (EpochBatches batchSource = batchesOf(recipe, spec, data, normalization);
        ModelTrainer trainer =
            ModelTrainer.create(
                recipe.trainerConfig(
                    spec,
                    data.numClasses(),
                    data.channels(),
                    batchSource.height(),
                    batchSource.width(),
                    embeddings))) {
      if (start > 0) {
        restore(trainer, runId, start);
      }
      setupSeconds = (System.nanoTime() - chunkStarted) / 1e9;
      for (int epoch = start; epoch < until; epoch++) {
        long started = System.nanoTime();
        Iterator<Batch> batches = batchSource.training(trainer.manager(), epoch);
        EpochStats stats =
            trainer.trainEpoch(
                batches,
                (e, step, loss, accuracy, rate) -> {
                  if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException(
                        "The worker is stopping; run "
                            + runId
                            + " resumes from its last checkpoint");
                  }
                  series.step(loss, accuracy, rate);
                  heartbeat.accept(new TrainingHeartbeat(e, step, loss));
                });
        Double testAccuracy = null;
        if ((epoch + 1) % spec.evalEvery() == 0 || spec.cycleEnds().contains(epoch + 1)) {
          EvalStats eval = trainer.evaluate(batchSource.evaluation(trainer.manager()));
          testAccuracy = eval.accuracy();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        EpochRecord record =
            new EpochRecord(
                epoch,
                stats.learningRate(),
                stats.loss(),
                stats.accuracy(),
                testAccuracy,
                seconds,
                stats.imagesPerSecond());
        long committing = System.nanoTime();
        commitEpoch(trainer, runId, record);
        CheckpointRetention.prune(store, spec, epoch + 1);
        commitSeconds += (System.nanoTime() - committing) / 1e9;
        series.epoch(epoch + 1, stats.images(), stats.imagesPerSecond(), testAccuracy);
        heartbeat.accept(new TrainingHeartbeat(epoch + 1, 0, stats.loss()));
        trained.add(record);
      }
    } catch (NonFiniteLossException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          "Run "
              + runId
              + " stopped: the loss became "
              + "NaN or infinite at epoch "
              + e.epoch()
              + ", step "
              + e.step()
              + "; the last good checkpoint is kept. Try a smaller learning rate.",
          FailureTypes.NON_FINITE_LOSS,
          e);
    } catch (IllegalArgumentException e) {
      throw Failures.invalidInput(e.getMessage(), e);
    }
    double wall = (System.nanoTime() - chunkStarted) / 1e9;
    double epochSeconds = trained.stream().mapToDouble(EpochRecord::seconds).sum();
    ChunkTiming timing =
        new ChunkTiming(start, until, attempt, wall, epochSeconds, setupSeconds, commitSeconds);
    store.put(
        StoreKeys.chunkTiming(runId, start, until, attempt),
        Json.write(timing),
        "application/json");
    return new ChunkResult(until, trained);
  }

  /**
   * The run's batches: in memory from the shard cache, or cropped from the file dataset's image
   * cache.
   */
  private static ResolvedRecipe resolve(RunSpec spec) {
    try {
      return RecipeResolver.resolve(spec);
    } catch (IllegalArgumentException e) {
      throw Failures.invalidInput("Run " + spec.id() + ": " + e.getMessage(), e);
    }
  }

  private EpochBatches batchesOf(
      ResolvedRecipe recipe, RunSpec spec, PreparedData data, Normalization normalization) {
    if (data.source() == PreparedData.Source.ARRAYS) {
      ImageSet train = shards.get(data.trainKey());
      return new EpochBatches(
          train,
          shards.get(data.testKey()),
          AugmentTransform.of(train, recipe.smallImageAugmentation(), normalization),
          spec.batchSize(),
          EpochBatches.EVAL_BATCH,
          spec.seed(),
          spec.subsetRepeats(),
          List.of());
    }
    ImageCache cache = ImageCacheMirror.open(store, data.testKey(), spec.dataset(), dataHome);
    int[] indices =
        Json.read(
            store
                .get(data.trainKey())
                .orElseThrow(() -> new IllegalStateException("No subset at " + data.trainKey())),
            int[].class);
    ImageSource train = ImageSource.cached(cache, Split.TRAIN).select(indices);
    ImageSource test = ImageSource.cached(cache, Split.TEST);
    return new EpochBatches(
        train,
        test,
        new CropTransform(recipe.cropPipeline(), normalization),
        spec.batchSize(),
        Math.min(spec.batchSize(), EpochBatches.IMAGE_EVAL_BATCH),
        spec.seed(),
        spec.subsetRepeats(),
        List.of(train, test));
  }

  private void restore(ModelTrainer trainer, String runId, int completedEpochs) {
    try (InputStream in = store.open(StoreKeys.checkpointData(runId, completedEpochs))) {
      trainer.loadCheckpoint(in);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the checkpoint of run " + runId + " after epoch " + completedEpochs, e);
    }
    if (trainer.completedEpochs() != completedEpochs) {
      throw new IllegalStateException(
          "The checkpoint "
              + StoreKeys.checkpointData(runId, completedEpochs)
              + " holds epoch "
              + trainer.completedEpochs());
    }
  }

  /**
   * Writes the checkpoint data, the epoch's metrics and the metrics log, then the manifest last.
   */
  private void commitEpoch(ModelTrainer trainer, String runId, EpochRecord record) {
    int completed = record.epoch() + 1;
    Path file = null;
    try {
      Files.createDirectories(scratch);
      file = Files.createTempFile(scratch, "checkpoint-", ".bin");
      try (OutputStream out = Files.newOutputStream(file)) {
        trainer.saveCheckpoint(out);
      }
      long size = Files.size(file);
      store.putFile(StoreKeys.checkpointData(runId, completed), file, "application/octet-stream");
      store.put(
          StoreKeys.epochMetrics(runId, record.epoch()), Json.write(record), "application/json");
      store.put(StoreKeys.metricsLog(runId), metricsLog(runId, completed), "application/x-ndjson");
      CheckpointManifest manifest =
          new CheckpointManifest(
              runId, completed, StoreKeys.checkpointData(runId, completed), size, record);
      store.putIfAbsent(
          StoreKeys.checkpointManifest(runId, completed), Json.write(manifest), "application/json");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the checkpoint of run " + runId, e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // A leftover temporary file is harmless; the scratch folder is private to the worker.
        }
      }
    }
  }

  /** Every stored epoch's metrics as JSON lines, so one object holds the whole curve. */
  private byte[] metricsLog(String runId, int completedEpochs) {
    StringBuilder lines = new StringBuilder();
    for (int epoch = 0; epoch < completedEpochs; epoch++) {
      store
          .get(StoreKeys.epochMetrics(runId, epoch))
          .ifPresent(json -> lines.append(new String(json, StandardCharsets.UTF_8)).append('\n'));
    }
    return lines.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static float[] toFloats(List<Double> values) {
    float[] floats = new float[values.size()];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = values.get(i).floatValue();
    }
    return floats;
  }
}
