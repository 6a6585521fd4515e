package dev.cosinerepro.model.optim;

/**
 * The same learning rate for every epoch.
 *
 * @param rate the rate, positive and finite
 * @param epochs the number of epochs, at least 1
 */
public record ConstantSchedule(double rate, int epochs) implements LearningRateSchedule {

  /** Validates the values. */
  public ConstantSchedule {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException(
          "The constant learning rate must be positive and finite, got " + rate + ".");
    }
    if (epochs < 1) {
      throw new IllegalArgumentException(
          "A constant schedule needs at least 1 epoch, got " + epochs + ".");
    }
  }

  @Override
  public double rate(int epoch) {
    requireEpoch(epoch);
    return rate;
  }

  @Override
  public int totalEpochs() {
    return epochs;
  }

  @Override
  public String describe() {
    return "constant(rate=" + rate + ",epochs=" + epochs + ")";
  }
}
