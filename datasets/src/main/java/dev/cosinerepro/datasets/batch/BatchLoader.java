package dev.cosinerepro.datasets.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.image.SampleSource;
import dev.cosinerepro.datasets.sampling.SampleKey;
import dev.cosinerepro.datasets.transform.SampleTransform;
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
 * Turns a {@link SampleSource} into DJL batches through a {@link SampleTransform}: data float32
 * {@code (N, C, H, W)} as the transform shapes it, labels float32 {@code (N)} holding the class
 * ids. The same loader serves the in-memory image sets (with the small-image augmentation) and the
 * image caches of the 448 datasets (with the crop pipeline).
 *
 * <p>Up to {@code threads} batches are prepared at once on background threads, ahead of the caller.
 * Every training sample's draws are derived from its {@link SampleKey} {@code (seed, epoch,
 * position)}, so the batches do not depend on the thread count or timing.
 *
 * <p>Each batch owns a sub-manager of the given manager holding its two arrays: closing the batch
 * frees them, and closing the given manager frees any batch not yet closed. Abandoning an iterator
 * early leaves at most {@code threads} batches being prepared.
 */
public final class BatchLoader {
  private static final ExecutorService WORKERS = EpochOrder.daemonPool("datasets-batches");

  private BatchLoader() {}

  /**
   * Training batches for one epoch: the source repeated {@code repeats} times (the authors' trick
   * to keep the iterations per epoch constant for small subsets), shuffled together ({@link
   * RepeatShuffle#JOINT}, recipe version 1) by a generator seeded by {@code (seed, epoch)} ({@link
   * EpochOrder}), transformed with augmentation and cut into batches; the last, partial batch is
   * kept. The same arguments give the same batches on any machine.
   *
   * @param source the training images
   * @param transform the per-sample pre-processing
   * @param manager the manager whose sub-managers hold the batch arrays
   * @param batchSize images per batch, positive
   * @param seed the run's seed
   * @param epoch the epoch, from 0
   * @param repeats how often each image appears per epoch, positive
   * @param threads batches prepared at once, positive
   * @return {@link #batchesPerEpoch} batches
   * @throws DatasetException if an argument is invalid
   */
  public static Iterator<Batch> training(
      SampleSource source,
      SampleTransform transform,
      NDManager manager,
      int batchSize,
      long seed,
      int epoch,
      int repeats,
      int threads) {
    return training(
        source, transform, manager, batchSize, seed, epoch, repeats, RepeatShuffle.JOINT, threads);
  }

  /**
   * Training batches for one epoch, like {@link #training(SampleSource, SampleTransform, NDManager,
   * int, long, int, int, int)}, with the repeats shuffled as {@code shuffle} says.
   *
   * @param shuffle whether the repeats are shuffled each on its own (the authors' loader) or
   *     together
   */
  public static Iterator<Batch> training(
      SampleSource source,
      SampleTransform transform,
      NDManager manager,
      int batchSize,
      long seed,
      int epoch,
      int repeats,
      RepeatShuffle shuffle,
      int threads) {
    check(source, transform, batchSize, repeats, threads);
    int[] order = EpochOrder.shuffled(source.size(), repeats, seed, epoch, shuffle);
    return new Batches(source, transform, manager, batchSize, order, seed, epoch, true, threads);
  }

  /**
   * Evaluation batches: every image once, in order, transformed without augmentation; the last
   * batch may be partial.
   *
   * @param source the images
   * @param transform the per-sample pre-processing (its augmentation is not used)
   * @param manager the manager whose sub-managers hold the batch arrays
   * @param batchSize images per batch, positive
   * @param threads batches prepared at once, positive
   * @return {@link #batchesPerEpoch batchesPerEpoch(size, batchSize, 1)} batches
   */
  public static Iterator<Batch> evaluation(
      SampleSource source,
      SampleTransform transform,
      NDManager manager,
      int batchSize,
      int threads) {
    check(source, transform, batchSize, 1, threads);
    int[] order = EpochOrder.sequential(source.size());
    return new Batches(source, transform, manager, batchSize, order, 0, 0, false, threads);
  }

  /**
   * Number of batches per epoch: {@code ceil(size * repeats / batchSize)}.
   *
   * @param size images in the source
   * @param batchSize images per batch
   * @param repeats repeats per epoch
   * @return the number of batches
   */
  public static int batchesPerEpoch(int size, int batchSize, int repeats) {
    long images = (long) size * repeats;
    return Math.toIntExact((images + batchSize - 1) / batchSize);
  }

  private static void check(
      SampleSource source, SampleTransform transform, int batchSize, int repeats, int threads) {
    if (source.size() == 0) {
      throw new DatasetException("The image source is empty; there is nothing to batch.");
    }
    if (batchSize <= 0) {
      throw new DatasetException("Batch size " + batchSize + " is not positive; use e.g. 100.");
    }
    if (repeats <= 0) {
      throw new DatasetException("Repeats " + repeats + " is not positive; use 1 for a full set.");
    }
    if (threads <= 0) {
      throw new DatasetException("Threads " + threads + " is not positive; use e.g. 2.");
    }
    if (transform.channels() != source.channels()) {
      throw new DatasetException(
          "The normalisation has "
              + transform.channels()
              + " channels but the images have "
              + source.channels()
              + "; compute it on the same dataset.");
    }
  }

  /** The float arrays of one batch, prepared off the caller's thread. */
  private record Prepared(float[] data, float[] labels, List<Integer> indices) {}

  private static final class Batches implements Iterator<Batch> {
    private final SampleSource source;
    private final SampleTransform transform;
    private final NDManager manager;
    private final int batchSize;
    private final int[] order;
    private final long seed;
    private final int epoch;
    private final boolean train;
    private final int threads;
    private final int numBatches;
    private final Deque<CompletableFuture<Prepared>> pending = new ArrayDeque<>();
    private int nextBatch;
    private int submitted;

    Batches(
        SampleSource source,
        SampleTransform transform,
        NDManager manager,
        int batchSize,
        int[] order,
        long seed,
        int epoch,
        boolean train,
        int threads) {
      this.source = source;
      this.transform = transform;
      this.manager = manager;
      this.batchSize = batchSize;
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
        pending.add(CompletableFuture.supplyAsync(() -> prepare(batch), WORKERS));
      }
    }

    private Prepared prepare(int batch) {
      int start = batch * batchSize;
      int size = Math.min(batchSize, order.length - start);
      int sampleFloats = transform.sampleFloats();
      float[] data = new float[Math.multiplyExact(size, sampleFloats)];
      float[] labels = new float[size];
      List<Integer> indices = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        int position = start + i;
        int image = order[position];
        SampleKey key = train ? new SampleKey(seed, epoch, position) : null;
        transform.apply(source.pixels(image), key, data, i * sampleFloats);
        labels[i] = source.label(image);
        indices.add(image);
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
      NDManager batchManager = manager.newSubManager();
      try {
        Shape shape = new Shape(size, transform.channels(), transform.height(), transform.width());
        NDArray data = batchManager.create(prepared.data(), shape);
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
