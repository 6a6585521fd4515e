package dev.cosinerepro.activities.report;

/**
 * A method's relative difference to softmax + cross-entropy on one dataset: {@code (acc_method -
 * acc_xent) / acc_xent}, from our best-after-any-epoch means, our final-epoch means, and the
 * paper's Table 2 (the paper's headline: cosine loss +30 % relative on CUB).
 *
 * @param method the method compared with cross-entropy
 * @param dataset the dataset
 * @param oursBest relative difference of our best-after-any-epoch means, or {@code null}
 * @param oursFinal relative difference of our final-epoch means, or {@code null}
 * @param paper relative difference of the paper's numbers, or {@code null}
 */
public record RelativeGain(
    Method method, String dataset, Double oursBest, Double oursFinal, Double paper) {

  /** The relative difference, or {@code null} when either value is missing. */
  static Double of(Double value, Double reference) {
    if (value == null || reference == null || !(reference > 0)) {
      return null;
    }
    return Stats.relativeDifference(value, reference);
  }

  /**
   * Whether ours contradicts the paper: the paper reports a gain and ours (best) is no gain, or the
   * other way round.
   */
  boolean contradictsPaper() {
    return oursBest != null && paper != null && (oursBest > 0) != (paper > 0);
  }
}
