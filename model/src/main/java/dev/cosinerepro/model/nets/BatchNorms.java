package dev.cosinerepro.model.nets;

import ai.djl.nn.norm.BatchNorm;

/**
 * BatchNorm as the reference (Keras 2) configures it, not DJL's defaults: {@link
 * BatchNormSettings#KERAS}. Networks take a {@link BatchNormSettings} to use other values.
 *
 * <p>Running statistics: {@code running = MOMENTUM * running + (1 - MOMENTUM) * batch} with {@link
 * #MOMENTUM} 0.99 (DJL's default is 0.9); normalisation {@code (x - mean) / sqrt(var + EPSILON)}
 * with {@link #EPSILON} 1e-3 (DJL's default is 1e-5).
 */
public final class BatchNorms {

  /** Keras {@code BatchNormalization} momentum of the running mean and variance. */
  public static final float MOMENTUM = (float) BatchNormSettings.DEFAULT_MOMENTUM;

  /** Keras {@code BatchNormalization} epsilon added to the variance. */
  public static final float EPSILON = (float) BatchNormSettings.DEFAULT_EPSILON;

  private BatchNorms() {}

  /**
   * A BatchNorm over axis 1 with the Keras momentum and epsilon.
   *
   * @return a new uninitialised block
   */
  public static BatchNorm keras() {
    return BatchNormSettings.KERAS.block();
  }
}
