package dev.cosinerepro.model.optim;

/** A learning rate per epoch over a fixed number of epochs. */
public interface LearningRateSchedule {

  /**
   * The learning rate of an epoch.
   *
   * @param epoch 0-based, in {@code [0, totalEpochs())}
   * @return the rate used for every step of that epoch
   * @throws IllegalArgumentException for an epoch outside the schedule
   */
  double rate(int epoch);

  /**
   * The learning rate at a step: {@code fraction} of the epoch is done. Per-epoch schedules ignore
   * the fraction.
   *
   * @param epoch 0-based epoch
   * @param fraction steps done in the epoch divided by its steps, in {@code [0, 1)}
   * @return the rate of that step
   */
  default double rate(int epoch, double fraction) {
    return rate(epoch);
  }

  /**
   * The length of the schedule.
   *
   * @return the number of epochs the schedule covers
   */
  int totalEpochs();

  /**
   * A canonical one-line description with every value that changes the rates, for checkpoint
   * identity and logs.
   *
   * @return for example {@code sgdr(max=0.1,min=1.0E-6,cycles=5,base=12,mult=2)}
   */
  String describe();

  /**
   * Rejects an epoch outside the schedule.
   *
   * @param epoch the epoch to check
   */
  default void requireEpoch(int epoch) {
    if (epoch < 0 || epoch >= totalEpochs()) {
      throw new IllegalArgumentException(
          "epoch must be in [0, " + totalEpochs() + ") for " + describe() + ", got " + epoch + ".");
    }
  }
}
