package dev.cosinerepro.datasets.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.cache.ImageSource;
import dev.cosinerepro.datasets.image.ImageDecoding;
import dev.cosinerepro.datasets.sampling.SeededRandom;
import dev.cosinerepro.datasets.transform.CropPipeline;
import dev.cosinerepro.datasets.transform.Normalization;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * DJL batches of the 448-pixel datasets from an {@link ImageSource}: data float32 {@code (N, 3,
 * crop, crop)} pre-processed by a {@link CropPipeline} and normalised, labels float32 {@code (N)}.
 * Up to {@code threads} batches are prepared at once on background threads, ahead of the caller;
 * every sample's draws are seeded by {@code (seed, epoch, position)}, so the batches do not depend
 * on the thread count or timing.
 *
 * <p>Each batch owns a sub-manager of the given manager holding its two arrays: closing the batch
 * frees them. Abandoning an iterator early leaves at most {@code threads} batches being prepared.
 */
public final class CroppedBatchLoader {
  private static final long GEOMETRY_STREAM = 0x43524f50L;
  private static final long NOISE_STREAM = 0x4e4f495345L;

  private static final ExecutorService WORKERS = EpochOrder.daemonPool("datasets-crop");

  private CroppedBatchLoader() {}

  /**
   * Training batches for one epoch: the images repeated {@code repeats} times, shuffled by a
   * generator seeded by {@code (seed, epoch)}, pre-processed with random crop, flip and erasing,
   * and cut into batches; the last, partial batch is kept.
   *
   * @param source the training images
   * @param manager the manager whose sub-managers hold the batch arrays
   * @param batchSize images per batch, positive
   * @param norm per-channel normalisation with 3 channels
   * @param pipeline sizes and augmentation
   * @param seed the run's seed
   * @param epoch the epoch, from 0
   * @param repeats how often each image appears per epoch, positive
   * @param threads batches prepared at once, positive
   * @return {@link BatchLoader#batchesPerEpoch} batches
   */
  public static Iterator<Batch> training(
      ImageSource source,
      NDManager manager,
      int batchSize,
      Normalization norm,
      CropPipeline pipeline,
      long seed,
      int epoch,
      int repeats,
      int threads) {
    check(source, batchSize, norm, repeats, threads);
    int[] order = EpochOrder.shuffled(source.size(), repeats, seed, epoch);
    return new Iter(source, manager, batchSize, norm, pipeline, order, seed, epoch, true, threads);
  }

  /**
   * Evaluation batches: every image once, in order, resized and centre-cropped, not augmented.
   *
   * @param source the images
   * @param manager the manager whose sub-managers hold the batch arrays
   * @param batchSize images per batch, positive
   * @param norm the training set's normalisation
   * @param pipeline sizes (its augmentation is not used)
   * @param threads batches prepared at once, positive
   * @return the batches
   */
  public static Iterator<Batch> evaluation(
      ImageSource source,
      NDManager manager,
      int batchSize,
      Normalization norm,
      CropPipeline pipeline,
      int threads) {
    check(source, batchSize, norm, 1, threads);
    int[] order = EpochOrder.sequential(source.size());
    return new Iter(source, manager, batchSize, norm, pipeline, order, 0, 0, false, threads);
  }

  private static void check(
      ImageSource source, int batchSize, Normalization norm, int repeats, int threads) {
    if (source.size() == 0) {
      throw new DatasetException("The image source is empty; there is nothing to batch.");
    }
    if (batchSize <= 0) {
      throw new DatasetException("Batch size " + batchSize + " is not positive; use e.g. 96.");
    }
    if (repeats <= 0) {
      throw new DatasetException("Repeats " + repeats + " is not positive; use 1 for a full set.");
    }
    if (threads <= 0) {
      throw new DatasetException("Threads " + threads + " is not positive; use e.g. 2.");
    }
    if (norm.channels() != 3) {
      throw new DatasetException(
          "The normalisation has "
              + norm.channels()
              + " channels but the images are RGB; use the dataset's 3-channel statistics.");
    }
  }

  /**
   * Pre-processes the samples at {@code positions} of an epoch into CHW floats (package-private for
   * tests and the benchmark).
   */
  static float[] prepare(
      ImageSource source,
      Normalization norm,
      CropPipeline pipeline,
      int[] order,
      int start,
      int size,
      long seed,
      int epoch,
      boolean train) {
    int sampleFloats = 3 * pipeline.crop() * pipeline.crop();
    float[] data = new float[Math.multiplyExact(size, sampleFloats)];
    for (int i = 0; i < size; i++) {
      int position = start + i;
      ImageDecoding.Rgb rgb = source.rgb(order[position]);
      SeededRandom geometry =
          train ? SeededRandom.derive(GEOMETRY_STREAM, seed, epoch, position) : null;
      SeededRandom noise = train ? SeededRandom.derive(NOISE_STREAM, seed, epoch, position) : null;
      pipeline.apply(
          rgb.pixels(), rgb.height(), rgb.width(), norm, geometry, noise, data, i * sampleFloats);
    }
    return data;
  }

  private record Prepared(float[] data, float[] labels, List<Integer> indices) {}

  private static final class Iter implements Iterator<Batch> {
    private final ImageSource source;
    private final NDManager manager;
    private final int batchSize;
    private final Normalization norm;
    private final CropPipeline pipeline;
    private final int[] order;
    private final long seed;
    private final int epoch;
    private final boolean train;
    private final int threads;
    private final int numBatches;
    private final Deque<CompletableFuture<Prepared>> pending = new ArrayDeque<>();
    private int nextBatch;
    private int submitted;

    Iter(
        ImageSource source,
        NDManager manager,
        int batchSize,
        Normalization norm,
        CropPipeline pipeline,
        int[] order,
        long seed,
        int epoch,
        boolean train,
        int threads) {
      this.source = source;
      this.manager = manager;
      this.batchSize = batchSize;
      this.norm = norm;
      this.pipeline = pipeline;
      this.order = order;
      this.seed = seed;
      this.epoch = epoch;
      this.train = train;
      this.threads = threads;
      this.numBatches = (order.length + batchSize - 1) / batchSize;
      fill();
    }

    private void fill() {
      while (pending.size() < threads && submitted < numBatches) {
        int batch = submitted++;
        pending.add(CompletableFuture.supplyAsync(() -> prepareBatch(batch), WORKERS));
      }
    }

    private Prepared prepareBatch(int batch) {
      int start = batch * batchSize;
      int size = Math.min(batchSize, order.length - start);
      float[] data = prepare(source, norm, pipeline, order, start, size, seed, epoch, train);
      float[] labels = new float[size];
      List<Integer> indices = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        labels[i] = source.label(order[start + i]);
        indices.add(order[start + i]);
      }
      return new Prepared(data, labels, indices);
    }

    @Override
    public boolean hasNext() {
      return nextBatch < numBatches;
    }

    @Override
    public Batch next() {
      if (!hasNext()) {
        throw new NoSuchElementException("All " + numBatches + " batches were returned");
      }
      Prepared prepared;
      try {
        prepared = pending.removeFirst().join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        throw e;
      }
      int index = nextBatch++;
      fill();
      int size = prepared.labels().length;
      int crop = pipeline.crop();
      NDManager batchManager = manager.newSubManager();
      try {
        NDArray data = batchManager.create(prepared.data(), new Shape(size, 3, crop, crop));
        NDArray labels = batchManager.create(prepared.labels(), new Shape(size));
        return new Batch(
            batchManager,
            new NDList(data),
            new NDList(labels),
            size,
            Batchifier.STACK,
            Batchifier.STACK,
            index,
            numBatches,
            prepared.indices());
      } catch (RuntimeException e) {
        batchManager.close();
        throw e;
      }
    }
  }
}
