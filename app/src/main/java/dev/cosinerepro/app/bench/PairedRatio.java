package dev.cosinerepro.app.bench;

import dev.cosinerepro.activities.report.Stats;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * This code's speed against PyTorch's over rounds that alternate the two engines ({@code repro
 * bench --reference --repeats n}), paired by round: round {@code i} gives {@code r_i = repro_i /
 * pytorch_i}, two measurements taken one after the other, so a machine that runs slower for a while
 * slows both sides of the pair. Ratios multiply, so the statistic is taken on their logarithms:
 *
 * <pre>
 *   l_i   = ln r_i
 *   ratio = exp(mean(l))                                     (the geometric mean of the ratios)
 *   95 %  = exp(mean(l) +- t(0.975, n - 1) sd(l) / sqrt(n))  (Student's t interval of mean(l))
 * </pre>
 *
 * <p>With one round there is no interval. An interval that contains 1 shows no difference; one
 * wholly below 1 shows this code slower, wholly above 1 faster.
 *
 * @param rounds the number of pairs
 * @param ratio the geometric mean of the per-round ratios
 * @param low the interval's lower end, or {@code null} with one round
 * @param high the interval's upper end, or {@code null} with one round
 */
public record PairedRatio(int rounds, double ratio, Double low, Double high) {

  /**
   * The paired ratio of two engines' figures of one item, in the order they were measured.
   *
   * @param repro this code's figures (higher is faster)
   * @param pytorch the reference's figures, as many, round for round
   * @return the ratio, or empty when either side has no figure or their counts differ (a round that
   *     failed on one side leaves nothing to pair)
   */
  public static Optional<PairedRatio> of(List<Double> repro, List<Double> pytorch) {
    if (repro.isEmpty() || repro.size() != pytorch.size()) {
      return Optional.empty();
    }
    double[] logs = new double[repro.size()];
    for (int i = 0; i < logs.length; i++) {
      logs[i] = Math.log(repro.get(i) / pytorch.get(i));
    }
    double mean = Stats.mean(logs);
    if (logs.length < 2) {
      return Optional.of(new PairedRatio(1, Math.exp(mean), null, null));
    }
    double half = Stats.halfWidth95(logs);
    return Optional.of(
        new PairedRatio(logs.length, Math.exp(mean), Math.exp(mean - half), Math.exp(mean + half)));
  }

  /**
   * What the interval shows, in words.
   *
   * @return {@code slower}, {@code faster}, {@code no difference shown} or {@code one round: no
   *     interval}
   */
  public String verdict() {
    if (low == null) {
      return "one round: no interval";
    }
    if (low <= 1 && high >= 1) {
      return "no difference shown";
    }
    return high < 1 ? "slower" : "faster";
  }

  /**
   * E.g. {@code 0.91x [0.84x, 0.99x] slower (5 rounds)}.
   *
   * @return the ratio, its interval and verdict
   */
  public String markdown() {
    if (low == null) {
      return String.format(Locale.ROOT, "%.2fx (%s)", ratio, verdict());
    }
    return String.format(
        Locale.ROOT, "%.2fx [%.2fx, %.2fx] %s (%d rounds)", ratio, low, high, verdict(), rounds);
  }
}
