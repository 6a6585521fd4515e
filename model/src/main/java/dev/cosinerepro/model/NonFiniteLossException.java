package dev.cosinerepro.model;

/**
 * Training produced a NaN or infinite loss or gradient. The step that produced it was not applied:
 * weights, momentum and BatchNorm statistics are those after the last good step.
 */
public final class NonFiniteLossException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int epoch;
  private final int step;

  /**
   * Creates the exception.
   *
   * @param epoch the 0-based epoch of the failing step
   * @param step the 0-based step within the epoch
   * @param what what became non-finite, for example "loss NaN"
   */
  public NonFiniteLossException(int epoch, int step, String what) {
    super(
        "Training diverged at epoch "
            + epoch
            + ", step "
            + step
            + ": "
            + what
            + "; lower the learning rate or check the input normalisation.");
    this.epoch = epoch;
    this.step = step;
  }

  /**
   * The epoch of the failing step.
   *
   * @return 0-based
   */
  public int epoch() {
    return epoch;
  }

  /**
   * The failing step within its epoch.
   *
   * @return 0-based
   */
  public int step() {
    return step;
  }
}
