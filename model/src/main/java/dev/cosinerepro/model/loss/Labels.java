package dev.cosinerepro.model.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Class-id labels as the losses need them. */
final class Labels {

  private Labels() {}

  /**
   * Turns class ids of any numeric type and shape {@code (N)} or {@code (N, 1)} into a float32
   * distribution {@code (N, C)} with {@code onValue} at the class and {@code offValue} elsewhere.
   */
  static NDArray toDistribution(NDArray labels, int numClasses, float onValue, float offValue) {
    NDArray ids = labels.getShape().dimension() == 2 ? labels.reshape(-1) : labels;
    NDArray ints = ids.getDataType() == DataType.INT64 ? ids : ids.toType(DataType.INT64, false);
    // PyTorch's DJL engine implements only the plain oneHot(depth); the blend is exact because the
    // mask holds only 0 and 1.
    NDArray mask = ints.oneHot(numClasses).toType(DataType.FLOAT32, false);
    if (onValue == 1f && offValue == 0f) {
      return mask;
    }
    return mask.mul(onValue).add(mask.neg().add(1f).mul(offValue));
  }
}
