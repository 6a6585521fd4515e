package dev.cosinerepro.activities.training;

import ai.djl.engine.Engine;
import ai.djl.training.dataset.Batch;
import dev.cosinerepro.activities.Failures;
import dev.cosinerepro.activities.ledger.RunRecord;
import dev.cosinerepro.activities.ledger.WorkerInfo;
import dev.cosinerepro.activities.recipe.RecipeResolver;
import dev.cosinerepro.activities.recipe.ResolvedRecipe;
import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.batch.RepeatShuffle;
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
import dev.cosinerepro.storage.Json;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.StoreKeys;
import dev.cosinerepro.workflows.FailureTypes;
import dev.cosinerepro.workflows.activity.TrainingActivities;
import dev.cosinerepro.workflows.spec.ChunkResult;
import dev.cosinerepro.workflows.spec.Divergence;
import dev.cosinerepro.workflows.spec.EpochRecord;
import dev.cosinerepro.workflows.spec.PreparedData;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.TrainingHeartbeat;
import dev.cosinerepro.workflows.spec.TrainingRequest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Trains a chunk of epochs of one run.
 *
 * <p>The durable record is the object store, not the heartbeat: the run's {@link RunRecord} starts
 * the chunk from the latest checkpoint that has a manifest, so a retry on any worker continues
 * where the last complete epoch left off, and commits every epoch (checkpoint, metrics, manifest
 * last). This class is the training loop: build the data and the trainer, restore, train and
 * evaluate each epoch, hand it to the record ({@link EpochCommits}: on a GPU worker, alongside the
 * evaluation and the next epoch's training).
 */
public final class TrainingActivitiesImpl implements TrainingActivities {

  private final ObjectStore store;
  private final ShardCache shards;
  private final TrainingMetrics metrics;
  private final Path scratch;
  private final Path dataHome;
  private final String worker;

  /**
   * Creates the activities, outside a named worker.
   *
   * @param store the object store
   * @param shards the cache of data shards
   * @param metrics the live series
   * @param dataHome the data folder (image caches of file datasets are kept under it)
   */
  public TrainingActivitiesImpl(
      ObjectStore store, ShardCache shards, TrainingMetrics metrics, Path dataHome) {
    this(store, shards, metrics, dataHome, null);
  }

  /**
   * Creates the activities of a named worker.
   *
   * @param store the object store
   * @param shards the cache of data shards
   * @param metrics the live series
   * @param dataHome the data folder (image caches of file datasets are kept under it)
   * @param worker the worker's identity, recorded in every chunk timing ({@code null}: none)
   */
  public TrainingActivitiesImpl(
      ObjectStore store, ShardCache shards, TrainingMetrics metrics, Path dataHome, String worker) {
    this.worker = worker;
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
   * @param attempt the activity attempt (names the chunk's timing object)
   * @return the epochs trained
   */
  public ChunkResult trainChunk(
      TrainingRequest request, Consumer<TrainingHeartbeat> heartbeat, int attempt) {
    RunSpec spec = request.spec();
    RunRecord record = RunRecord.of(store, spec);
    if (record.divergence().isPresent()) {
      // A diverged run trains no further; its result keeps the epochs before the divergence.
      return new ChunkResult(Math.min(request.untilEpoch(), spec.totalEpochs()), List.of());
    }
    RunRecord.Chunk chunk = record.beginChunk(request.untilEpoch(), attempt, scratch, workerInfo());
    if (!chunk.hasWork()) {
      return new ChunkResult(chunk.from(), List.of());
    }
    String runId = record.runId();
    PreparedData data = request.data();
    Normalization normalization = new Normalization(toFloats(data.mean()), toFloats(data.std()));
    TrainingMetrics.RunSeries series =
        metrics.run(runId, spec.dataset(), spec.loss(), spec.samplesPerClass());
    float[][] embeddings =
        request.embeddingKey() == null ? null : Embeddings.load(store, request.embeddingKey());
    ResolvedRecipe recipe = resolve(spec);
    // ModelTrainer trains on the engine's default device: a GPU wherever one is visible.
    EpochCommits commits = new EpochCommits(chunk, runId, Engine.getInstance().getGpuCount() > 0);
    try (commits;
        EpochBatches batchSource = batchesOf(recipe, spec, data, normalization);
        ModelTrainer trainer =
            ModelTrainer.create(
                recipe.trainerConfig(
                    spec,
                    data.numClasses(),
                    data.channels(),
                    batchSource.height(),
                    batchSource.width(),
                    embeddings))) {
      if (chunk.from() > 0) {
        restore(trainer, record, chunk);
      }
      chunk.trainingStarts();
      int stepsPerEpoch = batchSource.stepsPerEpoch();
      for (int epoch = chunk.from(); epoch < chunk.until(); epoch++) {
        long started = System.nanoTime();
        EpochPace pace =
            new EpochPace(
                stepsPerEpoch, spec.totalEpochs(), spec.batchSize(), batchSource.imagesPerEpoch());
        AtomicReference<TrainingHeartbeat> latest = new AtomicReference<>();
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
                  TrainingHeartbeat beat = pace.afterStep(e, step, loss, rate);
                  latest.set(beat);
                  series.step(beat, accuracy);
                  heartbeat.accept(beat);
                });
        double seconds = (System.nanoTime() - started) / 1e9;
        // Evaluating does not change the state: on a GPU worker it uploads meanwhile.
        commits.checkpoint(trainer::saveCheckpoint);
        Double testAccuracy = null;
        if ((epoch + 1) % spec.evalEvery() == 0 || spec.cycleEnds().contains(epoch + 1)) {
          long evaluating = System.nanoTime();
          TrainingHeartbeat trained = latest.get();
          EvalStats eval =
              evaluate(
                  trainer,
                  batchSource,
                  recipe,
                  epoch,
                  () -> {
                    if (trained != null) {
                      heartbeat.accept(trained);
                    }
                  });
          testAccuracy = eval.accuracy();
          seconds += (System.nanoTime() - evaluating) / 1e9;
        }
        commits.commit(
            new EpochRecord(
                epoch,
                stats.learningRate(),
                stats.loss(),
                stats.accuracy(),
                testAccuracy,
                seconds,
                stats.imagesPerSecond()));
        series.epoch(epoch + 1, stats.images(), stats.imagesPerSecond(), testAccuracy);
        heartbeat.accept(pace.afterEpoch(latest.get(), epoch + 1));
      }
      commits.awaitAll();
    } catch (NonFiniteLossException e) {
      // The epochs before the divergence are stored first (closing the commits waited for them).
      commits.awaitAll();
      if (record.markDiverged(new Divergence(e.epoch(), e.step(), e.getMessage()))) {
        chunk.finish(commits.waitSeconds());
        return new ChunkResult(chunk.until(), List.copyOf(chunk.committed()));
      }
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          "Run "
              + runId
              + " stopped: the loss became "
              + "NaN or infinite at epoch "
              + e.epoch()
              + ", step "
              + e.step()
              + ", before any epoch was evaluated; the last good checkpoint is kept. Try a smaller"
              + " learning rate.",
          FailureTypes.NON_FINITE_LOSS,
          e);
    } catch (IllegalArgumentException e) {
      throw Failures.invalidInput(e.getMessage(), e);
    }
    chunk.finish(commits.waitSeconds());
    return new ChunkResult(chunk.until(), List.copyOf(chunk.committed()));
  }

  /**
   * Evaluates on the test split: with the running BatchNorm statistics, or, when the recipe asks
   * for recalibration, with statistics re-estimated on the first batches of the next epoch's
   * training order (seeded like every epoch, so a resumed run recalibrates identically) and
   * restored afterwards, so training does not depend on how often it is evaluated.
   */
  private static EvalStats evaluate(
      ModelTrainer trainer,
      EpochBatches batchSource,
      ResolvedRecipe recipe,
      int epoch,
      Runnable heartbeat) {
    Iterator<Batch> test = beatingEach(batchSource.evaluation(trainer.manager()), heartbeat);
    int calibration = recipe.batchNormRecalibration();
    if (calibration == 0) {
      return trainer.evaluate(test);
    }
    Iterator<Batch> all = batchSource.training(trainer.manager(), epoch + 1);
    Iterator<Batch> first =
        new Iterator<>() {
          private int taken;

          @Override
          public boolean hasNext() {
            return taken < calibration && all.hasNext();
          }

          @Override
          public Batch next() {
            taken++;
            return all.next();
          }
        };
    return trainer.evaluateRecalibrated(beatingEach(first, heartbeat), test);
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
          RepeatShuffle.of(spec.repeatShuffle()),
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
        RepeatShuffle.of(spec.repeatShuffle()),
        List.of(train, test));
  }

  private static void restore(ModelTrainer trainer, RunRecord record, RunRecord.Chunk chunk) {
    int completedEpochs = chunk.from();
    try (InputStream in = chunk.openResumeCheckpoint()) {
      trainer.loadCheckpoint(in);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the checkpoint of run " + record.runId() + " after epoch " + completedEpochs,
          e);
    }
    if (trainer.completedEpochs() != completedEpochs) {
      throw new IllegalStateException(
          "The checkpoint "
              + StoreKeys.checkpointData(record.runId(), completedEpochs)
              + " holds epoch "
              + trainer.completedEpochs());
    }
  }

  /** What this process trains with, under the identity its worker was started with. */
  private WorkerInfo workerInfo() {
    WorkerInfo probed = WorkerProbe.current();
    return worker == null
        ? probed
        : new WorkerInfo(
            worker, probed.device(), probed.codeCommit(), probed.codeDirty(), probed.versions());
  }

  /**
   * Batches that heartbeat as they are taken, so an evaluation of many batches (10,000 test images
   * on a busy CPU can take minutes) never outlasts the heartbeat timeout.
   */
  private static Iterator<Batch> beatingEach(Iterator<Batch> batches, Runnable beat) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return batches.hasNext();
      }

      @Override
      public Batch next() {
        beat.run();
        return batches.next();
      }
    };
  }

  private static float[] toFloats(List<Double> values) {
    float[] floats = new float[values.size()];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = values.get(i).floatValue();
    }
    return floats;
  }
}
