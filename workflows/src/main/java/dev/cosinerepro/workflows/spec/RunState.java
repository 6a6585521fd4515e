package dev.cosinerepro.workflows.spec;

/** Where a run stands within a reproduction. */
public enum RunState {
  /** Not started yet. */
  PENDING,
  /** Preparing data or training. */
  RUNNING,
  /** Trained in this reproduction. */
  DONE,
  /** Its result was already in the object store, so nothing ran. */
  SKIPPED,
  /**
   * Stopped early at the requested epoch (successive halving); its checkpoints remain to resume
   * from.
   */
  STOPPED,
  /** Failed for good; the message says why. */
  FAILED;

  /** Whether the run will not change any more. */
  public boolean ended() {
    return this == DONE || this == SKIPPED || this == STOPPED || this == FAILED;
  }
}
