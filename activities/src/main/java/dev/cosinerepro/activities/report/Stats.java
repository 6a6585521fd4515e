package dev.cosinerepro.activities.report;

/** The statistics the report uses, over accuracies given as fractions. */
public final class Stats {
  private Stats() {}

  /**
   * The arithmetic mean: {@code mean = (x_1 + ... + x_n) / n}.
   *
   * @throws IllegalArgumentException for no values
   */
  public static double mean(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("The mean of no values is undefined: give at least one.");
    }
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return sum / values.length;
  }

  /**
   * The sample standard deviation: {@code sd = sqrt(sum_i (x_i - mean)^2 / (n - 1))}, and 0 for a
   * single value.
   */
  public static double sampleSd(double... values) {
    if (values.length < 2) {
      return 0;
    }
    double mean = mean(values);
    double squares = 0;
    for (double value : values) {
      squares += (value - mean) * (value - mean);
    }
    return Math.sqrt(squares / (values.length - 1));
  }

  /**
   * The relative difference of {@code value} against {@code reference}: {@code (value - reference)
   * / reference}, e.g. {@code (67.6 - 51.9) / 51.9 = +0.302} for the paper's cosine loss against
   * cross-entropy on CUB.
   *
   * @throws IllegalArgumentException for a reference that is not positive
   */
  public static double relativeDifference(double value, double reference) {
    if (!(reference > 0)) {
      throw new IllegalArgumentException(
          "The reference accuracy " + reference + " is not positive: no relative difference.");
    }
    return (value - reference) / reference;
  }

  /**
   * Half the width of the two-sided 95 % Student-t interval of the mean: {@code t(0.975, n - 1) sd
   * / sqrt(n)}.
   *
   * @throws IllegalArgumentException for fewer than two values
   */
  public static double halfWidth95(double... values) {
    return studentT975(values.length - 1) * sampleSd(values) / Math.sqrt(values.length);
  }

  /** {@code t(0.975, df)} for df = 1..30, from the t table. */
  private static final double[] T975 = {
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045, 2.042
  };

  /**
   * The 97.5 % quantile of Student's t distribution, for two-sided 95 % intervals: the t table for
   * 1 to 30 degrees of freedom, beyond that the Cornish-Fisher expansion {@code z + (z^3 + z) / (4
   * df)} with {@code z = 1.959964} (error below 0.001 for df > 30).
   *
   * @throws IllegalArgumentException for fewer than one degree of freedom
   */
  public static double studentT975(int degreesOfFreedom) {
    if (degreesOfFreedom < 1) {
      throw new IllegalArgumentException(
          "A t interval needs at least one degree of freedom (two seeds), got "
              + degreesOfFreedom
              + ".");
    }
    if (degreesOfFreedom <= T975.length) {
      return T975[degreesOfFreedom - 1];
    }
    double z = 1.959964;
    return z + (z * z * z + z) / (4.0 * degreesOfFreedom);
  }
}
