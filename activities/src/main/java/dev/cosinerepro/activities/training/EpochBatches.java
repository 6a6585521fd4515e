package dev.cosinerepro.activities.training;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import dev.cosinerepro.datasets.batch.BatchLoader;
import dev.cosinerepro.datasets.batch.RepeatShuffle;
import dev.cosinerepro.datasets.image.SampleSource;
import dev.cosinerepro.datasets.transform.SampleTransform;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;

/**
 * The batches of one run: training batches per epoch (seeded by the run's seed and the epoch) and
 * evaluation batches of the whole test split, all from the one {@link BatchLoader}. In-memory
 * datasets and image caches differ only in their {@link SampleSource}s and {@link SampleTransform};
 * the image cache means no worker decodes the original files.
 *
 * @param train the training subset
 * @param test the test split
 * @param transform the per-sample pre-processing (augmentation for training, then normalisation)
 * @param batchSize training images per batch
 * @param evalBatchSize evaluation images per batch
 * @param seed the run's seed
 * @param repeats how often each training image appears per epoch
 * @param repeatShuffle whether the repeats are shuffled each on its own or together
 * @param owned what closing these batches closes (the image cache's open shard files)
 */
record EpochBatches(
    SampleSource train,
    SampleSource test,
    SampleTransform transform,
    int batchSize,
    int evalBatchSize,
    long seed,
    int repeats,
    RepeatShuffle repeatShuffle,
    List<Closeable> owned)
    implements AutoCloseable {
  /** Evaluation batch of the in-memory datasets. */
  static final int EVAL_BATCH = 500;

  /** Largest evaluation batch of the image-cache datasets (448-pixel inputs). */
  static final int IMAGE_EVAL_BATCH = 64;

  private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

  /** Training batches of an epoch. */
  Iterator<Batch> training(NDManager manager, int epoch) {
    return BatchLoader.training(
        train, transform, manager, batchSize, seed, epoch, repeats, repeatShuffle, THREADS);
  }

  /** Evaluation batches of the test split. */
  Iterator<Batch> evaluation(NDManager manager) {
    return BatchLoader.evaluation(test, transform, manager, evalBatchSize, THREADS);
  }

  /** Training steps of one epoch. */
  int stepsPerEpoch() {
    return BatchLoader.batchesPerEpoch(train.size(), batchSize, repeats);
  }

  /** Training images of one epoch. */
  long imagesPerEpoch() {
    return (long) train.size() * repeats;
  }

  /** The network's input height. */
  int height() {
    return transform.height();
  }

  /** The network's input width. */
  int width() {
    return transform.width();
  }

  @Override
  public void close() {
    IOException first = null;
    for (Closeable c : owned) {
      try {
        c.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw new UncheckedIOException(first);
    }
  }
}
