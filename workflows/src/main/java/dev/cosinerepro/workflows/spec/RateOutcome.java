package dev.cosinerepro.workflows.spec;

import java.util.List;

/**
 * How one learning rate of a group did, over its seeds.
 *
 * @param learningRate the maximum learning rate
 * @param runIds the runs at this rate, one per seed
 * @param meanBest mean over seeds of the best test accuracy after any epoch, or {@code null} when
 *     no run finished
 * @param meanFinal mean over seeds of the final-epoch test accuracy, or {@code null}
 * @param sdBest sample standard deviation of the best accuracies (0 for one seed), or {@code null}
 * @param sdFinal sample standard deviation of the final accuracies, or {@code null}
 * @param finishedRuns runs that trained to the end
 * @param stoppedAtEpoch for successive halving: the epoch count at which this rate was dropped, 0
 *     when it was not
 * @param stoppedAccuracy for successive halving: the mean test accuracy it was dropped with, or
 *     {@code null}
 */
public record RateOutcome(
    double learningRate,
    List<String> runIds,
    Double meanBest,
    Double meanFinal,
    Double sdBest,
    Double sdFinal,
    int finishedRuns,
    int stoppedAtEpoch,
    Double stoppedAccuracy) {}
