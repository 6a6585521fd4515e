package dev.cosinerepro.workflows.activity;

import dev.cosinerepro.workflows.spec.RunResult;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.StoredRun;
import io.temporal.activity.ActivityInterface;

/**
 * The object store as the durable record of runs: what exists, and the final result. Runs on the
 * cpu queue.
 */
@ActivityInterface
public interface RunStoreActivities {

  /**
   * Records the run's spec (once) and reports what the store holds of it: a finished result, or the
   * epochs of the latest complete checkpoint. This is what lets a plan restarted on a server that
   * remembers nothing skip finished runs and resume unfinished ones.
   */
  StoredRun lookup(RunSpec spec);

  /**
   * Writes the run's result from its stored per-epoch metrics (write-once: an existing result is
   * returned as it is).
   */
  RunResult finish(RunSpec spec);

  /**
   * The test accuracy stored for the run after {@code epochs} epochs (its epoch {@code epochs -
   * 1}), or {@code null} when that epoch was not evaluated. Successive halving ranks rates by it at
   * SGDR restarts.
   */
  Double testAccuracyAfter(RunSpec spec, int epochs);
}
