package dev.cosinerepro.activities.report;

import java.util.List;

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
    double testChange) {}
