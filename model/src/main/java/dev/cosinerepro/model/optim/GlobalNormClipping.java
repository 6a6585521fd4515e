package dev.cosinerepro.model.optim;

/**
 * Gradient clipping by the global norm, as Keras 2 {@code clipnorm} does it (DJL has only
 * element-wise clipping): with {@code n = sqrt(sum_i ||g_i||^2)} over all gradients of a step,
 * every gradient is scaled by {@code maxNorm / n} when {@code n > maxNorm}.
 */
public final class GlobalNormClipping {

  private GlobalNormClipping() {}

  /**
   * The factor every gradient is multiplied by.
   *
   * @param globalNorm {@code n}, the norm of all gradients together
   * @param maxNorm the largest allowed norm; {@code <= 0} disables clipping
   * @return {@code maxNorm / n} when clipping applies, else 1
   */
  public static double scale(double globalNorm, double maxNorm) {
    if (maxNorm <= 0 || !(globalNorm > maxNorm)) {
      return 1.0;
    }
    return maxNorm / globalNorm;
  }
}
