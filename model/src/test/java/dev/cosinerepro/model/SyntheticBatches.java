package dev.cosinerepro.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * A small learnable image task for tests: four classes of 1-channel patterns (horizontal stripes,
 * vertical stripes, checkerboard, a centred square) with Gaussian noise, served as DJL batches.
 */
final class SyntheticBatches {

  static final int CLASSES = 4;

  private final float[] images;
  private final int[] labels;
  private final int side;

  private SyntheticBatches(float[] images, int[] labels, int side) {
    this.images = images;
    this.labels = labels;
    this.side = side;
  }

  /** {@code count} images of {@code side x side}, classes cycling 0..3, noise sd 0.5. */
  static SyntheticBatches patterns(int count, int side, long seed) {
    Random random = new Random(seed);
    float[] images = new float[count * side * side];
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      int label = i % CLASSES;
      labels[i] = label;
      for (int r = 0; r < side; r++) {
        for (int c = 0; c < side; c++) {
          float value =
              switch (label) {
                case 0 -> r % 2;
                case 1 -> c % 2;
                case 2 -> (r + c) % 2;
                default ->
                    (r >= side / 4 && r < 3 * side / 4 && c >= side / 4 && c < 3 * side / 4)
                        ? 1
                        : 0;
              };
          images[(i * side + r) * side + c] = (float) (2 * value - 1 + 0.5 * random.nextGaussian());
        }
      }
    }
    return new SyntheticBatches(images, labels, side);
  }

  int size() {
    return labels.length;
  }

  /** Batches in a fixed order, each with its own sub-manager of {@code parent}. */
  Iterator<Batch> batches(NDManager parent, int batchSize) {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < labels.length;
      }

      @Override
      public Batch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int n = Math.min(batchSize, labels.length - next);
        int pixels = side * side;
        float[] data = new float[n * pixels];
        System.arraycopy(images, next * pixels, data, 0, n * pixels);
        int[] ids = new int[n];
        System.arraycopy(labels, next, ids, 0, n);
        next += n;
        NDManager manager = parent.newSubManager();
        return new Batch(
            manager,
            new NDList(manager.create(data, new Shape(n, 1, side, side))),
            new NDList(manager.create(ids)),
            n,
            Batchifier.STACK,
            Batchifier.STACK,
            next,
            labels.length);
      }
    };
  }
}
