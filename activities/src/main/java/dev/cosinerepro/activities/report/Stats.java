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
}
