package dev.cosinerepro.model.nets;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/** Counting the parameters of an initialised block. */
public final class ParameterCounts {

  private ParameterCounts() {}

  /**
   * The number of trainable scalars (those that receive gradients): convolution and dense kernels
   * and biases, BatchNorm gamma and beta; not the BatchNorm running statistics.
   *
   * @param block an initialised block
   * @return the sum of the sizes of its trainable parameters
   */
  public static long trainable(Block block) {
    long total = 0;
    for (Parameter parameter : block.getParameters().values()) {
      if (parameter.requiresGradient()) {
        total += parameter.getArray().size();
      }
    }
    return total;
  }

  /**
   * The number of all stored scalars, the BatchNorm running statistics included (what Keras calls
   * "total params").
   *
   * @param block an initialised block
   * @return the sum of the sizes of all its parameters
   */
  public static long all(Block block) {
    long total = 0;
    for (Parameter parameter : block.getParameters().values()) {
      total += parameter.getArray().size();
    }
    return total;
  }
}
