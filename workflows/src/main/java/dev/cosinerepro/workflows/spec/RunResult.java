package dev.cosinerepro.workflows.spec;

/**
 * The result of a finished run, as stored under {@code runs/<id>/result.json}.
 *
 * <p>The paper reports the best test accuracy reached after any epoch; a careful reproduction also
 * reports the accuracy after the final epoch, which involves no choice on the test set.
 *
 * @param runId the run's identity
 * @param spec the run's spec
 * @param bestTestAccuracy best test accuracy after any evaluated epoch (the paper's figure)
 * @param bestEpoch the 0-based epoch of the best test accuracy
 * @param finalTestAccuracy test accuracy after the last epoch
 * @param epochs epochs trained
 * @param trainSeconds wall time spent in training and evaluation, summed over epochs
 */
public record RunResult(
    String runId,
    RunSpec spec,
    double bestTestAccuracy,
    int bestEpoch,
    double finalTestAccuracy,
    int epochs,
    double trainSeconds) {}
