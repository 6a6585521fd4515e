package dev.cosinerepro.model.nets;

import ai.djl.nn.norm.BatchNorm;

/**
 * The two numbers of every BatchNorm layer the reproduction builds itself.
 *
 * <p>Running statistics follow the Keras convention: {@code running = momentum * running + (1 -
 * momentum) * batch} (DJL's convention too; its PyTorch engine passes {@code 1 - momentum} to
 * {@code torch.batch_norm}). Normalisation: {@code (x - mean) / sqrt(var + epsilon)}.
 *
 * @param momentum the weight of the old running statistics, in {@code [0, 1)}
 * @param epsilon added to the variance, positive and finite
 */
public record BatchNormSettings(double momentum, double epsilon) {

  /** Keras {@code BatchNormalization} momentum, the reference's (DJL's default is 0.9). */
  public static final double DEFAULT_MOMENTUM = 0.99;

  /** Keras {@code BatchNormalization} epsilon, the reference's (DJL's default is 1e-5). */
  public static final double DEFAULT_EPSILON = 1e-3;

  /** The reference's (Keras 2) settings: momentum 0.99, epsilon 1e-3. */
  public static final BatchNormSettings KERAS =
      new BatchNormSettings(DEFAULT_MOMENTUM, DEFAULT_EPSILON);

  /**
   * Validates the values.
   *
   * @throws IllegalArgumentException when momentum is outside {@code [0, 1)} or epsilon is not
   *     positive and finite
   */
  public BatchNormSettings {
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException(
          "BatchNorm momentum must be in [0, 1), got " + momentum + ".");
    }
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException(
          "BatchNorm epsilon must be positive and finite, got " + epsilon + ".");
    }
  }

  /**
   * Whether these are the defaults ({@link #KERAS}).
   *
   * @return true for momentum 0.99 and epsilon 1e-3
   */
  public boolean isDefault() {
    return equals(KERAS);
  }

  /**
   * A BatchNorm over axis 1 with these settings (float32, as DJL stores them).
   *
   * @return a new uninitialised block
   */
  public BatchNorm block() {
    return BatchNorm.builder().optMomentum((float) momentum).optEpsilon((float) epsilon).build();
  }
}
