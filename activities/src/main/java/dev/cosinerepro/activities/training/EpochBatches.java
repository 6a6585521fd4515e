package dev.cosinerepro.activities.training;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import dev.cosinerepro.datasets.batch.BatchLoader;
import dev.cosinerepro.datasets.batch.CroppedBatchLoader;
import dev.cosinerepro.datasets.cache.ImageSource;
import dev.cosinerepro.datasets.image.ImageSet;
import dev.cosinerepro.datasets.transform.Augmentation;
import dev.cosinerepro.datasets.transform.CropPipeline;
import dev.cosinerepro.datasets.transform.Normalization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * The batches of one run: training batches per epoch (seeded by the run's seed and the epoch) and
 * evaluation batches of the whole test split. In-memory datasets go through {@link BatchLoader};
 * file datasets through {@link CroppedBatchLoader} over the image cache, so no worker decodes the
 * original files.
 */
interface EpochBatches extends AutoCloseable {
  int EVAL_BATCH = 500;

  /** Training batches of an epoch. */
  Iterator<Batch> training(NDManager manager, int epoch);

  /** Evaluation batches of the test split. */
  Iterator<Batch> evaluation(NDManager manager);

  /** The network's input height. */
  int height();

  /** The network's input width. */
  int width();

  @Override
  void close();

  /** In-memory images. */
  static EpochBatches ofArrays(
      ImageSet train,
      ImageSet test,
      Normalization norm,
      Augmentation augmentation,
      int batchSize,
      long seed,
      int repeats) {
    return new EpochBatches() {
      @Override
      public Iterator<Batch> training(NDManager manager, int epoch) {
        return BatchLoader.training(
            train, manager, batchSize, norm, augmentation, seed, epoch, repeats);
      }

      @Override
      public Iterator<Batch> evaluation(NDManager manager) {
        return BatchLoader.evaluation(test, manager, EVAL_BATCH, norm);
      }

      @Override
      public int height() {
        return train.height();
      }

      @Override
      public int width() {
        return train.width();
      }

      @Override
      public void close() {}
    };
  }

  /** Images from an image cache, resized, cropped and augmented per step. */
  static EpochBatches ofImages(
      ImageSource train,
      ImageSource test,
      Normalization norm,
      CropPipeline pipeline,
      int batchSize,
      long seed,
      int repeats) {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    return new EpochBatches() {
      @Override
      public Iterator<Batch> training(NDManager manager, int epoch) {
        return CroppedBatchLoader.training(
            train, manager, batchSize, norm, pipeline, seed, epoch, repeats, threads);
      }

      @Override
      public Iterator<Batch> evaluation(NDManager manager) {
        return CroppedBatchLoader.evaluation(
            test, manager, Math.min(batchSize, 64), norm, pipeline, threads);
      }

      @Override
      public int height() {
        return pipeline.crop();
      }

      @Override
      public int width() {
        return pipeline.crop();
      }

      @Override
      public void close() {
        try {
          train.close();
          test.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }
}
