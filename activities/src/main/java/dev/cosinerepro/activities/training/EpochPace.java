package dev.cosinerepro.activities.training;

import dev.cosinerepro.workflows.spec.TrainingHeartbeat;

/**
 * Measures one epoch's pace step by step and turns each step into a {@link TrainingHeartbeat}. The
 * pace is the epoch's so far (steps and images since the epoch's first step started), so it settles
 * within a few steps and never carries a previous epoch's evaluation time.
 */
final class EpochPace {
  private final int stepsPerEpoch;
  private final int totalEpochs;
  private final int batchSize;
  private final long imagesPerEpoch;
  private final long started;

  /**
   * Starts timing an epoch now.
   *
   * @param stepsPerEpoch the epoch's steps
   * @param totalEpochs the schedule's epochs
   * @param batchSize images per full step
   * @param imagesPerEpoch images of the epoch (the last step may be short)
   */
  EpochPace(int stepsPerEpoch, int totalEpochs, int batchSize, long imagesPerEpoch) {
    this.stepsPerEpoch = stepsPerEpoch;
    this.totalEpochs = totalEpochs;
    this.batchSize = batchSize;
    this.imagesPerEpoch = imagesPerEpoch;
    this.started = System.nanoTime();
  }

  /** The heartbeat after the 0-based {@code step} of {@code epoch} completed. */
  TrainingHeartbeat afterStep(int epoch, int step, double loss, double learningRate) {
    int done = step + 1;
    double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-9);
    long images = Math.min((long) done * batchSize, imagesPerEpoch);
    return new TrainingHeartbeat(
        epoch,
        done,
        stepsPerEpoch,
        totalEpochs,
        loss,
        learningRate,
        images / seconds,
        done / seconds);
  }

  /** The heartbeat after the epoch (evaluation included) ended. */
  TrainingHeartbeat afterEpoch(TrainingHeartbeat last, int completedEpochs) {
    return new TrainingHeartbeat(
        completedEpochs,
        0,
        stepsPerEpoch,
        totalEpochs,
        last.loss(),
        last.learningRate(),
        last.imagesPerSecond(),
        last.stepsPerSecond());
  }
}
