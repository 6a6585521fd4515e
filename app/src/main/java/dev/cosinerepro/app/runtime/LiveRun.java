package dev.cosinerepro.app.runtime;

import dev.cosinerepro.workflows.spec.RunProgress;
import dev.cosinerepro.workflows.spec.RunState;
import dev.cosinerepro.workflows.spec.TrainingHeartbeat;

/**
 * A run as its workflow reports it (checkpointed epochs), with the training activity's latest
 * heartbeat (the step in progress) when one is pending.
 *
 * @param progress the run workflow's answer to its progress query
 * @param heartbeat the pending training activity's latest heartbeat, or {@code null}
 * @param worker the identity of the worker training it, or empty
 */
public record LiveRun(RunProgress progress, TrainingHeartbeat heartbeat, String worker) {

  /** A run without live details (not training now, or not started). */
  public static LiveRun of(RunProgress progress) {
    return new LiveRun(progress, null, "");
  }

  /** Whether a training step is reported for this run. */
  public boolean training() {
    return heartbeat != null && progress.state() == RunState.RUNNING;
  }

  /** Epochs done: all for an ended run, else the checkpointed ones or the live step's fraction. */
  public double epochsDone() {
    if (progress.state().ended()) {
      return progress.totalEpochs();
    }
    double checkpointed = progress.completedEpochs();
    return training() ? Math.max(checkpointed, heartbeat.epochsDone()) : checkpointed;
  }

  /**
   * Wall seconds per epoch: the workflow's mean over trained chunks (evaluation and checkpoints
   * included), else the live step pace, else {@code null}.
   */
  public Double secondsPerEpoch() {
    if (progress.secondsPerEpoch() != null) {
      return progress.secondsPerEpoch();
    }
    return training() ? heartbeat.secondsPerEpoch() : null;
  }

  /**
   * Seconds until the run ends at its pace, 0 once ended, or {@code null} before a pace is known.
   */
  public Double secondsLeft() {
    if (progress.state().ended()) {
      return 0.0;
    }
    Double perEpoch = secondsPerEpoch();
    return perEpoch == null ? null : perEpoch * Math.max(0, progress.totalEpochs() - epochsDone());
  }
}
