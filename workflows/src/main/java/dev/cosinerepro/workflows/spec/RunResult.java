package dev.cosinerepro.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;

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
 * @param divergence where the loss became non-finite, or {@code null}: a diverged run's figures are
 *     over the epochs before it, and {@code finalTestAccuracy} is the last one evaluated
 * @param provenance what produced the result (code, libraries, devices, data, seeds, times), or
 *     {@code null} in results stored before it was recorded
 */
public record RunResult(
    String runId,
    RunSpec spec,
    double bestTestAccuracy,
    int bestEpoch,
    double finalTestAccuracy,
    int epochs,
    double trainSeconds,
    Divergence divergence,
    Provenance provenance) {

  /** A result without divergence or provenance (results stored by earlier releases). */
  public RunResult(
      String runId,
      RunSpec spec,
      double bestTestAccuracy,
      int bestEpoch,
      double finalTestAccuracy,
      int epochs,
      double trainSeconds) {
    this(
        runId,
        spec,
        bestTestAccuracy,
        bestEpoch,
        finalTestAccuracy,
        epochs,
        trainSeconds,
        null,
        null);
  }

  /** Whether the run's loss diverged before its last epoch. */
  @JsonIgnore
  public boolean diverged() {
    return divergence != null;
  }

  /** This result with its provenance. */
  public RunResult withProvenance(Provenance value) {
    return new RunResult(
        runId,
        spec,
        bestTestAccuracy,
        bestEpoch,
        finalTestAccuracy,
        epochs,
        trainSeconds,
        divergence,
        value);
  }
}
