package dev.cosinerepro.model;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.List;

/**
 * How the trainer lays an image batch out in memory before the network sees it, by its name in
 * configs. The values are the same either way; what changes is the order of the floats and with it
 * the convolution kernels libtorch picks.
 *
 * <p>libtorch chooses a convolution's memory format from its input's strides: an input stored
 * channels-last ({@code NHWC} order behind an {@code NCHW} shape) makes oneDNN (cuDNN on a GPU)
 * compute that convolution and every later layer channels-last, since BatchNorm, ReLU, pooling and
 * additions keep the format they are given. On the development machine's CPU this trains ResNet-20
 * 1.24 times and evaluates it 1.37 times as fast (docs/benchmarks.md, "Memory format"). The kernels
 * add in another order, so outputs differ in the last bits (by up to 1e-5 in ResNet-20's scores
 * after one forward pass), and a training run, chaotic at the paper's rates, ends elsewhere: the
 * format is part of a run's identity ({@link TrainerConfig#canonicalForm()}), and the same format
 * with the same seed gives the same numbers to the bit.
 */
public enum MemoryFormat {
  /** {@code contiguous}: row-major {@code NCHW}, as the batch is made; the default. */
  CONTIGUOUS("contiguous"),
  /** {@code channels-last}: the floats in {@code NHWC} order, the shape still {@code NCHW}. */
  CHANNELS_LAST("channels-last");

  private final String id;

  MemoryFormat(String id) {
    this.id = id;
  }

  /**
   * The name in configs.
   *
   * @return {@code contiguous} or {@code channels-last}
   */
  public String id() {
    return id;
  }

  /**
   * An image batch in this format.
   *
   * <p>Channels-last is a transpose to {@code NHWC}, a copy into that order (a reshape of a
   * non-contiguous array copies) and a transpose back: the result has shape {@code (N, C, H, W)}
   * and the strides {@code (HWC, 1, WC, C)}, which libtorch reads as channels-last also where
   * {@code C} is 1 (its own {@code contiguous(memory_format)} leaves a single-channel batch
   * untouched, and the network then stays row-major).
   *
   * @param images {@code (N, C, H, W)}
   * @return {@code images} itself when contiguous; else a new array with the same values, owned by
   *     the manager of {@code images}
   */
  public NDArray lay(NDArray images) {
    if (this == CONTIGUOUS) {
      return images;
    }
    long[] shape = images.getShape().getShape();
    if (shape.length != 4) {
      throw new IllegalArgumentException(
          "A channels-last batch must be (N, C, H, W), got " + images.getShape() + ".");
    }
    return images
        .transpose(0, 2, 3, 1)
        .reshape(-1)
        .reshape(shape[0], shape[2], shape[3], shape[1])
        .transpose(0, 3, 1, 2);
  }

  /**
   * All names.
   *
   * @return the ids in declaration order
   */
  public static List<String> names() {
    return Arrays.stream(values()).map(MemoryFormat::id).toList();
  }

  /**
   * Looks a format up by name.
   *
   * @param id one of {@link #names()}
   * @return the format
   * @throws IllegalArgumentException naming the valid values
   */
  public static MemoryFormat fromId(String id) {
    for (MemoryFormat value : values()) {
      if (value.id.equals(id)) {
        return value;
      }
    }
    throw new IllegalArgumentException(
        "Unknown memory format '" + id + "'; valid names are " + names() + ".");
  }
}
