package dev.cosinerepro.workflows.activity;

import dev.cosinerepro.workflows.spec.ChunkResult;
import dev.cosinerepro.workflows.spec.TrainingRequest;
import io.temporal.activity.ActivityInterface;

/** Training and evaluation. Runs on the gpu queue. */
@ActivityInterface
public interface TrainingActivities {

  /**
   * Continues the run from its latest complete checkpoint in the store, whichever worker wrote it,
   * and trains until the requested epoch, writing a checkpoint and the epoch's metrics after every
   * epoch and heartbeating while it works.
   */
  ChunkResult train(TrainingRequest request);
}
