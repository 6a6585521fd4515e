package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.RateOutcome;
import dev.cosinerepro.workflows.spec.RunSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Hand-made group outcomes for the report tests. */
final class Outcomes {
  private Outcomes() {}

  /** A run spec on the paper's schedule (5 SGDR cycles of 12 epochs = 372 epochs). */
  static RunSpec paperRun(String dataset, int k, String objective, String embedding) {
    return new RunSpec(
        dataset, k, 0, 1, "resnet50", objective, embedding, 0.1, 1e-6, 5, 12, 0, 96, "none", 1, 0);
  }

  /** A short run (3 epochs). */
  static RunSpec shortRun(String dataset, int k, String objective, String embedding) {
    return new RunSpec(
        dataset, k, 0, 1, "resnet20", objective, embedding, 0.1, 1e-6, 1, 3, 0, 50, "none", 1, 0);
  }

  /**
   * A rate whose seeds all finished, with the given best and final accuracies per seed; means and
   * sample standard deviations are computed.
   */
  static RateOutcome rate(double lr, double[] best, double[] last) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < best.length; i++) {
      ids.add(String.format("r-%s-%d-%d", lr, i, Arrays.hashCode(best) & 0xffff));
    }
    return new RateOutcome(
        lr,
        ids,
        Stats.mean(best),
        Stats.mean(last),
        Stats.sampleSd(best),
        Stats.sampleSd(last),
        best.length,
        0,
        null);
  }

  /** A rate dropped by successive halving. */
  static RateOutcome dropped(double lr, int seeds, int atEpoch, double accuracy) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < seeds; i++) {
      ids.add("dropped-" + lr + "-" + i);
    }
    return new RateOutcome(lr, ids, null, null, null, null, 0, atEpoch, accuracy);
  }

  /** A group choosing the rate with the highest mean best. */
  static GroupOutcome group(String name, String table, RunSpec spec, RateOutcome... rates) {
    Double chosen = null;
    double best = Double.NEGATIVE_INFINITY;
    for (RateOutcome rate : rates) {
      if (rate.meanBest() != null && rate.meanBest() > best) {
        best = rate.meanBest();
        chosen = rate.learningRate();
      }
    }
    return new GroupOutcome(name, table, spec, List.of(rates), chosen, 0, List.of());
  }

  /** A group with one rate and one seed. */
  static GroupOutcome single(String table, RunSpec spec, double best, double last) {
    return group(
        table
            + "/"
            + spec.dataset()
            + "/"
            + spec.objective()
            + "/"
            + spec.embedding()
            + "/"
            + spec.samplesPerClass(),
        table,
        spec,
        rate(0.1, new double[] {best}, new double[] {last}));
  }

  static double[] values(double... values) {
    return values;
  }
}
