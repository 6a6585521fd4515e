package dev.cosinerepro.activities.report;

/**
 * A method against a reference method in the same setting (dataset, subset size, network,
 * schedule), each at its chosen rate, paired by seed: {@code d_i = acc_method(seed i) -
 * acc_reference(seed i)} over the seeds both finished. The reference is softmax + cross-entropy, or
 * for a semantic embedding also the same loss with one-hot embeddings. The interval is Student's t
 * 95 % interval of the mean difference, {@code mean(d) +- t(0.975, n - 1) sd(d) / sqrt(n)}; with
 * one seed there is none.
 *
 * @param group the method's group
 * @param reference the group it is compared with
 * @param referenceMethod that group's method
 * @param dataset the dataset
 * @param samplesPerClass images per class (0: all)
 * @param method the method
 * @param seeds the number of seeds both groups finished
 * @param best the difference of best-after-any-epoch accuracies
 * @param last the difference of final-epoch accuracies
 */
public record PairedDifference(
    String group,
    String reference,
    Method referenceMethod,
    String dataset,
    int samplesPerClass,
    Method method,
    int seeds,
    Interval best,
    Interval last) {

  /**
   * A mean difference with its 95 % interval.
   *
   * @param mean the mean paired difference (a fraction of 1)
   * @param low the interval's lower end, or {@code null} with fewer than two seeds
   * @param high the interval's upper end, or {@code null} with fewer than two seeds
   */
  public record Interval(double mean, Double low, Double high) {

    /** The interval of the mean of paired differences. */
    static Interval of(double[] differences) {
      double mean = Stats.mean(differences);
      if (differences.length < 2) {
        return new Interval(mean, null, null);
      }
      double half = Stats.halfWidth95(differences);
      return new Interval(mean, mean - half, mean + half);
    }

    /**
     * What the interval shows, in words.
     *
     * @param against the reference's name, e.g. {@code cross-entropy}
     * @return {@code ahead of <against>}, {@code behind <against>}, {@code no difference shown} or
     *     {@code one seed: no interval}
     */
    public String verdict(String against) {
      if (low == null) {
        return "one seed: no interval";
      }
      if (low <= 0 && high >= 0) {
        return "no difference shown";
      }
      return (high < 0 ? "behind " : "ahead of ") + against;
    }

    /** E.g. {@code +4.10 [+1.20, +7.00]} in percentage points. */
    String markdown() {
      String mean = Format.points(this.mean);
      return low == null
          ? mean
          : mean + " [" + Format.points(low) + ", " + Format.points(high) + "]";
    }
  }

  /**
   * What the best accuracies' interval shows, against the reference by name.
   *
   * @return e.g. {@code ahead of cross-entropy} or {@code no difference shown}
   */
  public String verdict() {
    return best.verdict(referenceMethod.referenceName());
  }
}
