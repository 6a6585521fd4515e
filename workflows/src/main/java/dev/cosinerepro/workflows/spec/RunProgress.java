package dev.cosinerepro.workflows.spec;

/**
 * A run's progress, as its workflow reports it to queries.
 *
 * @param runId the run's identity
 * @param label a short human label
 * @param state where the run stands
 * @param completedEpochs epochs done (checkpointed)
 * @param totalEpochs epochs of the whole schedule
 * @param lastTestAccuracy the latest test accuracy, or {@code null} before the first evaluation
 * @param bestTestAccuracy the best test accuracy so far, or {@code null}
 * @param secondsPerEpoch mean wall seconds per trained epoch so far, or {@code null}
 * @param message the failure, for a failed run; empty otherwise
 */
public record RunProgress(
    String runId,
    String label,
    RunState state,
    int completedEpochs,
    int totalEpochs,
    Double lastTestAccuracy,
    Double bestTestAccuracy,
    Double secondsPerEpoch,
    String message) {

  /** A run that has not started. */
  public static RunProgress pending(RunSpec spec) {
    return new RunProgress(
        spec.id(), spec.label(), RunState.PENDING, 0, spec.totalEpochs(), null, null, null, "");
  }

  /** This progress in another state. */
  public RunProgress withState(RunState newState, String newMessage) {
    return new RunProgress(
        runId,
        label,
        newState,
        completedEpochs,
        totalEpochs,
        lastTestAccuracy,
        bestTestAccuracy,
        secondsPerEpoch,
        newMessage);
  }
}
