package dev.cosinerepro.workflows.spec;

/**
 * What the object store already holds of a run.
 *
 * @param runId the run's identity
 * @param result the finished result, or {@code null} when the run has not finished
 * @param completedEpochs epochs covered by the latest complete checkpoint (0 when there is none)
 */
public record StoredRun(String runId, RunResult result, int completedEpochs) {

  /** Whether the run has a stored result. */
  public boolean finished() {
    return result != null;
  }
}
