package dev.cosinerepro.model.optim;

/**
 * SGDR with the rate annealed after every step instead of once per epoch (Loshchilov &amp; Hutter's
 * form): at {@code t} epochs into a cycle of length {@code L}, counting the steps done as a
 * fraction of an epoch,
 *
 * <pre>rate = min + 0.5 (max - min) (1 + cos(pi t / L))</pre>
 *
 * <p>so each cycle starts at {@code max} and approaches {@code min} at its end. The per-epoch rate
 * ({@link #rate(int)}) is the one at the epoch's first step. The authors' code sets the rate once
 * per epoch ({@link SgdrSchedule}); this is the option for those who want the smoother form.
 *
 * @param epochs the per-epoch schedule whose cycles and rates this one follows
 */
public record PerStepSgdrSchedule(SgdrSchedule epochs) implements LearningRateSchedule {

  @Override
  public double rate(int epoch) {
    return rate(epoch, 0);
  }

  @Override
  public double rate(int epoch, double fraction) {
    requireEpoch(epoch);
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException(
          "The fraction of an epoch must be in [0, 1), got " + fraction + ".");
    }
    int start = 0;
    int length = epochs.baseCycleEpochs();
    while (epoch >= start + length) {
      start += length;
      length *= epochs.cycleMultiplier();
    }
    double t = epoch - start + fraction;
    return epochs.minRate()
        + 0.5 * (epochs.maxRate() - epochs.minRate()) * (1 + Math.cos(Math.PI * t / length));
  }

  @Override
  public int totalEpochs() {
    return epochs.totalEpochs();
  }

  @Override
  public String describe() {
    return epochs.describe().replaceFirst("^sgdr\\(", "sgdr-per-step(");
  }
}
