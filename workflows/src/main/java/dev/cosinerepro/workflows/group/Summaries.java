package dev.cosinerepro.workflows.group;

import dev.cosinerepro.workflows.spec.RateOutcome;
import dev.cosinerepro.workflows.spec.RunOutcome;
import dev.cosinerepro.workflows.spec.RunProgress;
import dev.cosinerepro.workflows.spec.RunResult;
import java.util.List;

/**
 * Means and deviations of a rate's runs, and run progress from outcomes. Deterministic arithmetic
 * only.
 */
final class Summaries {
  private Summaries() {}

  static RateOutcome rate(
      double rate,
      List<String> runIds,
      List<RunOutcome> outcomes,
      int stoppedAtEpoch,
      Double stoppedAccuracy) {
    List<RunResult> results =
        outcomes.stream().map(RunOutcome::result).filter(result -> result != null).toList();
    if (results.isEmpty()) {
      return new RateOutcome(
          rate, runIds, null, null, null, null, 0, stoppedAtEpoch, stoppedAccuracy);
    }
    double[] best = results.stream().mapToDouble(RunResult::bestTestAccuracy).toArray();
    double[] last = results.stream().mapToDouble(RunResult::finalTestAccuracy).toArray();
    return new RateOutcome(
        rate,
        runIds,
        mean(best),
        mean(last),
        sd(best),
        sd(last),
        results.size(),
        stoppedAtEpoch,
        stoppedAccuracy);
  }

  static RunProgress progressOf(RunProgress before, RunOutcome outcome) {
    RunResult result = outcome.result();
    return new RunProgress(
        before.runId(),
        before.label(),
        outcome.state(),
        outcome.completedEpochs(),
        before.totalEpochs(),
        outcome.lastTestAccuracy(),
        result == null ? before.bestTestAccuracy() : Double.valueOf(result.bestTestAccuracy()),
        result == null || result.epochs() == 0 ? null : result.trainSeconds() / result.epochs(),
        "");
  }

  static double mean(double[] values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return sum / values.length;
  }

  /** The sample standard deviation; 0 for a single value. */
  static double sd(double[] values) {
    if (values.length < 2) {
      return 0;
    }
    double mean = mean(values);
    double sum = 0;
    for (double value : values) {
      sum += (value - mean) * (value - mean);
    }
    return Math.sqrt(sum / (values.length - 1));
  }
}
