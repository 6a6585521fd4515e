package dev.cosinerepro.datasets.transform;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.image.ImageSet;
import java.util.Arrays;

/**
 * Per-channel normalisation {@code (x - mean[c]) / std[c]} on the 0-255 pixel scale, computed on
 * the training set as in the paper.
 *
 * @param mean per-channel mean, 0-255 scale
 * @param std per-channel standard deviation (population, like NumPy's {@code std}), positive
 */
public record Normalization(float[] mean, float[] std) {

  /** Copies the arrays and checks that they have one positive, finite std per mean. */
  public Normalization {
    if (mean.length == 0 || mean.length != std.length) {
      throw new DatasetException(
          "Normalization needs one mean and one std per channel but got "
              + mean.length
              + " means and "
              + std.length
              + " stds; pass equally long, non-empty arrays.");
    }
    for (int c = 0; c < std.length; c++) {
      if (!(std[c] > 0) || !Float.isFinite(std[c]) || !Float.isFinite(mean[c])) {
        throw new DatasetException(
            "Channel "
                + c
                + " has mean "
                + mean[c]
                + " and std "
                + std[c]
                + "; the std must be positive and both finite (is the channel constant?).");
      }
    }
    mean = mean.clone();
    std = std.clone();
  }

  /**
   * Computes the per-channel mean and population std over all pixels of the set.
   *
   * @param set the (training) image set, not empty
   * @return the normalisation
   * @throws DatasetException if the set is empty or a channel is constant
   */
  public static Normalization compute(ImageSet set) {
    if (set.size() == 0) {
      throw new DatasetException(
          "Cannot compute a normalisation of an empty image set; pass the training set.");
    }
    int channels = set.channels();
    long[] sum = new long[channels];
    long[] sumSquares = new long[channels];
    byte[] pixels = set.pixelsUnsafe();
    for (int i = 0; i < pixels.length; i += channels) {
      for (int c = 0; c < channels; c++) {
        int v = pixels[i + c] & 0xff;
        sum[c] += v;
        sumSquares[c] += v * v;
      }
    }
    long n = (long) pixels.length / channels;
    float[] mean = new float[channels];
    float[] std = new float[channels];
    for (int c = 0; c < channels; c++) {
      double m = (double) sum[c] / n;
      double variance = Math.max(0, (double) sumSquares[c] / n - m * m);
      mean[c] = (float) m;
      std[c] = (float) Math.sqrt(variance);
    }
    return new Normalization(mean, std);
  }

  /** Number of channels. */
  public int channels() {
    return mean.length;
  }

  /** A copy of the per-channel means. */
  @Override
  public float[] mean() {
    return mean.clone();
  }

  /** A copy of the per-channel standard deviations. */
  @Override
  public float[] std() {
    return std.clone();
  }

  /** The mean of one channel. */
  public float mean(int channel) {
    return mean[channel];
  }

  /** The std of one channel. */
  public float std(int channel) {
    return std[channel];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Normalization n
        && Arrays.equals(mean, n.mean)
        && Arrays.equals(std, n.std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
  }
}
