package dev.cosinerepro.activities.report;

import java.util.List;
import java.util.Locale;

/**
 * How far one group's runs at its chosen rate converged ({@link ConvergenceSection}).
 *
 * @param group the group's name
 * @param learningRate the chosen rate
 * @param runs runs with stored epochs
 * @param finalTrainAccuracy mean over runs of the last epoch's training accuracy, in [0, 1]
 * @param lowestFinalTrainAccuracy the lowest of them
 * @param evaluatedEpochs the epochs (1-based) of the last evaluations of the first run
 * @param testRange mean over runs of the largest minus the smallest test accuracy over the last
 *     evaluations, in [0, 1]
 * @param largestTestRange the largest of them
 * @param testChange mean over runs of the last minus the first of those test accuracies
 */
public record ConvergenceRow(
    String group,
    double learningRate,
    int runs,
    double finalTrainAccuracy,
    double lowestFinalTrainAccuracy,
    List<Integer> evaluatedEpochs,
    double testRange,
    double largestTestRange,
    double testChange) {

  /**
   * The row's table cells as the report prints them, in {@link ConvergenceSection#COLUMNS} order.
   */
  List<String> cells() {
    return List.of(
        group,
        Format.rate(learningRate),
        Integer.toString(runs),
        String.format(
            Locale.ROOT, "%.2f (%.2f)", 100 * finalTrainAccuracy, 100 * lowestFinalTrainAccuracy),
        String.join(", ", evaluatedEpochs.stream().map(String::valueOf).toList()),
        String.format(Locale.ROOT, "%.2f (%.2f)", 100 * testRange, 100 * largestTestRange),
        String.format(Locale.ROOT, "%+.2f", 100 * testChange));
  }
}
