package dev.cosinerepro.model.optim;

/**
 * Stochastic gradient descent with warm restarts (Loshchilov & Hutter), set once per epoch as the
 * paper's authors did.
 *
 * <p>Cycle {@code i} lasts {@code L_i = base * mult^i} epochs ({@code 12 + 24 + 48 + 96 + 192 =
 * 372} for the paper). At position {@code k} of a cycle of length {@code L}:
 *
 * <pre>
 *   k = 0:   lr = max
 *   k >= 1:  lr = min + 0.5 (max - min) (1 + cos(pi (k + 1) / L))
 * </pre>
 *
 * so the last epoch of each cycle runs at {@code min} and the next one restarts at {@code max}.
 *
 * @param maxRate the rate at the start of every cycle, positive
 * @param minRate the rate at the end of every cycle, in {@code [0, maxRate]}
 * @param cycles the number of cycles, at least 1
 * @param baseCycleEpochs the length of the first cycle, at least 1
 * @param cycleMultiplier the growth factor of the cycle length, at least 1
 */
public record SgdrSchedule(
    double maxRate, double minRate, int cycles, int baseCycleEpochs, int cycleMultiplier)
    implements LearningRateSchedule {

  /** The paper's number of cycles. */
  public static final int PAPER_CYCLES = 5;

  /** The paper's first cycle length in epochs. */
  public static final int PAPER_BASE_CYCLE_EPOCHS = 12;

  /** The paper's cycle length growth factor. */
  public static final int PAPER_CYCLE_MULTIPLIER = 2;

  /** Validates the values. */
  public SgdrSchedule {
    if (!(maxRate > 0) || Double.isInfinite(maxRate)) {
      throw new IllegalArgumentException(
          "maxLearningRate must be positive and finite, got " + maxRate + ".");
    }
    if (!(minRate >= 0 && minRate <= maxRate)) {
      throw new IllegalArgumentException(
          "minLearningRate must be in [0, maxLearningRate=" + maxRate + "], got " + minRate + ".");
    }
    if (cycles < 1 || baseCycleEpochs < 1 || cycleMultiplier < 1) {
      throw new IllegalArgumentException(
          "SGDR cycles, base cycle length and cycle multiplier must be at least 1, got "
              + cycles
              + ", "
              + baseCycleEpochs
              + ", "
              + cycleMultiplier
              + ".");
    }
    long total = 0;
    long length = baseCycleEpochs;
    for (int i = 0; i < cycles; i++) {
      total += length;
      length *= cycleMultiplier;
      if (total > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("The SGDR schedule is longer than 2^31 epochs.");
      }
    }
  }

  /**
   * The paper's schedule: 5 cycles, 12 epochs first, doubling.
   *
   * @param maxRate the rate at each restart
   * @param minRate the rate at the end of each cycle (the paper: 1e-6)
   * @return the 372-epoch schedule
   */
  public static SgdrSchedule paper(double maxRate, double minRate) {
    return new SgdrSchedule(
        maxRate, minRate, PAPER_CYCLES, PAPER_BASE_CYCLE_EPOCHS, PAPER_CYCLE_MULTIPLIER);
  }

  @Override
  public double rate(int epoch) {
    requireEpoch(epoch);
    int start = 0;
    int length = baseCycleEpochs;
    while (epoch >= start + length) {
      start += length;
      length *= cycleMultiplier;
    }
    int k = epoch - start;
    if (k == 0) {
      return maxRate;
    }
    return minRate + 0.5 * (maxRate - minRate) * (1 + Math.cos(Math.PI * (k + 1) / length));
  }

  @Override
  public int totalEpochs() {
    int total = 0;
    int length = baseCycleEpochs;
    for (int i = 0; i < cycles; i++) {
      total += length;
      length *= cycleMultiplier;
    }
    return total;
  }

  /**
   * The epochs at which a new cycle starts at {@code maxRate}, after the first.
   *
   * @return for the paper: 12, 36, 84, 180
   */
  public int[] restartEpochs() {
    int[] restarts = new int[cycles - 1];
    int start = 0;
    int length = baseCycleEpochs;
    for (int i = 0; i < cycles - 1; i++) {
      start += length;
      length *= cycleMultiplier;
      restarts[i] = start;
    }
    return restarts;
  }

  @Override
  public String describe() {
    return "sgdr(max="
        + maxRate
        + ",min="
        + minRate
        + ",cycles="
        + cycles
        + ",base="
        + baseCycleEpochs
        + ",mult="
        + cycleMultiplier
        + ")";
  }
}
