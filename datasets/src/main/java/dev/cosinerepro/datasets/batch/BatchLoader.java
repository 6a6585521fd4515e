package dev.cosinerepro.datasets.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.image.ImageSet;
import dev.cosinerepro.datasets.sampling.SeededRandom;
import dev.cosinerepro.datasets.transform.Augmentation;
import dev.cosinerepro.datasets.transform.Normalization;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * Turns an {@link ImageSet} into DJL batches: data float32 {@code (N, C, H, W)}, normalised; labels
 * float32 {@code (N)} holding the class ids. Decoding and augmentation run in Java on {@code
 * byte[]}/{@code float[]}, and the next batch is prepared on a background thread while the current
 * one is used; each sample's random draws are seeded by {@code (seed, epoch, position)}, so the
 * batches are the same whatever the timing.
 *
 * <p>Each batch owns a sub-manager of the given manager holding its two arrays: closing the batch
 * frees them, and closing the given manager frees any batch not yet closed.
 */
public final class BatchLoader {
  private static final long AUGMENT_STREAM = 0x4155474dL;

  private static final ExecutorService PREFETCH = EpochOrder.daemonPool("datasets-prefetch");

  private BatchLoader() {}

  /**
   * Training batches for one epoch: the set repeated {@code repeats} times (the authors' trick to
   * keep the iterations per epoch constant for small subsets), shuffled by a generator seeded by
   * {@code (seed, epoch)}, augmented, normalised and cut into batches; the last, partial batch is
   * kept. The same arguments give the same batches on any machine.
   *
   * @param set the training images
   * @param manager the manager whose sub-managers hold the batch arrays
   * @param batchSize images per batch, positive
   * @param norm per-channel normalisation with {@code set.channels()} channels
   * @param aug augmentation
   * @param seed the run's seed
   * @param epoch the epoch, from 0
   * @param repeats how often each image appears per epoch, positive
   * @return {@link #batchesPerEpoch} batches
   * @throws DatasetException if an argument is invalid
   */
  public static Iterator<Batch> training(
      ImageSet set,
      NDManager manager,
      int batchSize,
      Normalization norm,
      Augmentation aug,
      long seed,
      int epoch,
      int repeats) {
    check(set, batchSize, norm, repeats);
    int[] order = EpochOrder.shuffled(set.size(), repeats, seed, epoch);
    return new BatchIterator(set, manager, batchSize, norm, aug, order, seed, epoch);
  }

  /**
   * Evaluation batches: every image once, in order, normalised, not augmented; the last batch may
   * be partial.
   *
   * @param set the images
   * @param manager the manager whose sub-managers hold the batch arrays
   * @param batchSize images per batch, positive
   * @param norm per-channel normalisation (the training set's)
   * @return {@link #batchesPerEpoch batchesPerEpoch(size, batchSize, 1)} batches
   */
  public static Iterator<Batch> evaluation(
      ImageSet set, NDManager manager, int batchSize, Normalization norm) {
    check(set, batchSize, norm, 1);
    int[] order = EpochOrder.sequential(set.size());
    return new BatchIterator(set, manager, batchSize, norm, Augmentation.none(), order, 0, 0);
  }

  /**
   * Number of batches per epoch: {@code ceil(size * repeats / batchSize)}.
   *
   * @param size images in the set
   * @param batchSize images per batch
   * @param repeats repeats per epoch
   * @return the number of batches
   */
  public static int batchesPerEpoch(int size, int batchSize, int repeats) {
    long images = (long) size * repeats;
    return Math.toIntExact((images + batchSize - 1) / batchSize);
  }

  private static void check(ImageSet set, int batchSize, Normalization norm, int repeats) {
    if (set.size() == 0) {
      throw new DatasetException("The image set is empty; there is nothing to batch.");
    }
    if (batchSize <= 0) {
      throw new DatasetException("Batch size " + batchSize + " is not positive; use e.g. 100.");
    }
    if (repeats <= 0) {
      throw new DatasetException("Repeats " + repeats + " is not positive; use 1 for a full set.");
    }
    if (norm.channels() != set.channels()) {
      throw new DatasetException(
          "The normalisation has "
              + norm.channels()
              + " channels but the images have "
              + set.channels()
              + "; compute it on the same dataset.");
    }
  }

  /** The float arrays of one batch, prepared off the caller's thread. */
  private record Prepared(float[] data, float[] labels, List<Integer> indices) {}

  private static final class BatchIterator implements Iterator<Batch> {
    private final ImageSet set;
    private final NDManager manager;
    private final int batchSize;
    private final Normalization norm;
    private final Augmentation aug;
    private final int[] order;
    private final long seed;
    private final int epoch;
    private final int numBatches;
    private int nextBatch;
    private CompletableFuture<Prepared> pending;

    BatchIterator(
        ImageSet set,
        NDManager manager,
        int batchSize,
        Normalization norm,
        Augmentation aug,
        int[] order,
        long seed,
        int epoch) {
      this.set = set;
      this.manager = manager;
      this.batchSize = batchSize;
      this.norm = norm;
      this.aug = aug;
      this.order = order;
      this.seed = seed;
      this.epoch = epoch;
      this.numBatches = (order.length + batchSize - 1) / batchSize;
      this.pending = prefetch(0);
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
        prepared = pending.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        throw e;
      }
      int index = nextBatch++;
      pending = prefetch(nextBatch);
      int size = prepared.labels().length;
      NDManager batchManager = manager.newSubManager();
      try {
        NDArray data =
            batchManager.create(
                prepared.data(), new Shape(size, set.channels(), set.height(), set.width()));
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

    private CompletableFuture<Prepared> prefetch(int batch) {
      if (batch >= numBatches) {
        return null;
      }
      return CompletableFuture.supplyAsync(() -> prepare(batch), PREFETCH);
    }

    private Prepared prepare(int batch) {
      int start = batch * batchSize;
      int size = Math.min(batchSize, order.length - start);
      int imageBytes = set.imageBytes();
      float[] data = new float[size * imageBytes];
      float[] labels = new float[size];
      List<Integer> indices = new ArrayList<>(size);
      float[] work = new float[imageBytes];
      byte[] pixels = set.pixelsUnsafe();
      for (int i = 0; i < size; i++) {
        int position = start + i;
        int image = order[position];
        SeededRandom random =
            aug.isIdentity() ? null : SeededRandom.derive(AUGMENT_STREAM, seed, epoch, position);
        aug.apply(
            pixels,
            image * imageBytes,
            set.height(),
            set.width(),
            set.channels(),
            norm,
            random,
            work,
            data,
            i * imageBytes);
        labels[i] = set.label(image);
        indices.add(image);
      }
      return new Prepared(data, labels, indices);
    }
  }
}
