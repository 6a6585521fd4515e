package dev.cosinerepro.activities.report;

import java.util.Locale;

/** How the report prints numbers: accuracies in percent with two decimals. */
final class Format {
  /** What a missing value prints as. */
  static final String MISSING = "—";

  private Format() {}

  /** A fraction in percent with two decimals: {@code 0.67123 -> "67.12"}. */
  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.2f", 100 * fraction);
  }

  /** A nullable fraction in percent, or {@link #MISSING}. */
  static String percent(Double fraction) {
    return fraction == null ? MISSING : percent(fraction.doubleValue());
  }

  /**
   * A mean in percent, with {@code ± sd} when it averages more than one run: {@code "67.12 ±
   * 0.40"}.
   */
  static String meanSd(Double mean, Double sd, int runs) {
    if (mean == null) {
      return MISSING;
    }
    if (runs > 1 && sd != null) {
      return percent(mean.doubleValue()) + " ± " + percent(sd.doubleValue());
    }
    return percent(mean.doubleValue());
  }

  /** A difference of fractions in signed percentage points: {@code 0.041 -> "+4.10"}. */
  static String points(double difference) {
    return String.format(Locale.ROOT, "%+.2f", 100 * difference);
  }

  /** A paper number (already in percent, one decimal as printed in the paper), or missing. */
  static String paper(Double percent) {
    return percent == null ? MISSING : String.format(Locale.ROOT, "%.1f", percent);
  }

  /** A relative difference as a signed percentage with one decimal: {@code "+30.2 %"}. */
  static String relative(Double difference) {
    if (difference == null) {
      return MISSING;
    }
    String number = String.format(Locale.ROOT, "%.1f", 100 * Math.abs(difference));
    return (difference < 0 && !"0.0".equals(number) ? "−" : "+") + number + " %";
  }

  /** A learning rate in its shortest form: {@code 0.05}, {@code 1}. */
  static String rate(double rate) {
    if (rate == Math.rint(rate) && Math.abs(rate) < 1e15) {
      return Long.toString((long) rate);
    }
    return Double.toString(rate);
  }

  /** A subset size: {@code all} for 0. */
  static String samples(int samplesPerClass) {
    return samplesPerClass == 0 ? "all" : Integer.toString(samplesPerClass);
  }
}
