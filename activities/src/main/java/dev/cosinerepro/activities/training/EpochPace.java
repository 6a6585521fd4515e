package dev.cosinerepro.activities.training;

import dev.cosinerepro.workflows.spec.TrainingHeartbeat;
import java.util.function.LongSupplier;

/**
 * Measures one epoch's pace step by step and turns each step into a {@link TrainingHeartbeat}. The
 * pace is the epoch's so far from the end of its first step: the first step of a trainer carries
 * one-off costs (libtorch picks and builds its kernels, the JIT compiles), and counted in, a
 * resumed run's first seconds read as a pace many times too slow (a plan's ETA of 28 hours for a
 * command that took one). The first step alone is measured by its own time; from the second on,
 * steps and images since the first ended. No previous epoch's evaluation time is ever carried.
 */
final class EpochPace {
  private final int stepsPerEpoch;
  private final int totalEpochs;
  private final int batchSize;
  private final long imagesPerEpoch;
  private final LongSupplier nanoTime;
  private final long started;
  private long firstStepEnded;
  private long firstStepImages;

  /**
   * Starts timing an epoch now.
   *
   * @param stepsPerEpoch the epoch's steps
   * @param totalEpochs the schedule's epochs
   * @param batchSize images per full step
   * @param imagesPerEpoch images of the epoch (the last step may be short)
   */
  EpochPace(int stepsPerEpoch, int totalEpochs, int batchSize, long imagesPerEpoch) {
    this(stepsPerEpoch, totalEpochs, batchSize, imagesPerEpoch, System::nanoTime);
  }

  /** As above, with the clock given (tests). */
  EpochPace(
      int stepsPerEpoch,
      int totalEpochs,
      int batchSize,
      long imagesPerEpoch,
      LongSupplier nanoTime) {
    this.stepsPerEpoch = stepsPerEpoch;
    this.totalEpochs = totalEpochs;
    this.batchSize = batchSize;
    this.imagesPerEpoch = imagesPerEpoch;
    this.nanoTime = nanoTime;
    this.started = nanoTime.getAsLong();
  }

  /** The heartbeat after the 0-based {@code step} of {@code epoch} completed. */
  TrainingHeartbeat afterStep(int epoch, int step, double loss, double learningRate) {
    int done = step + 1;
    long now = nanoTime.getAsLong();
    long images = Math.min((long) done * batchSize, imagesPerEpoch);
    if (done == 1) {
      firstStepEnded = now;
      firstStepImages = images;
      return beat(epoch, done, loss, learningRate, 1, images, now - started);
    }
    return beat(
        epoch, done, loss, learningRate, done - 1, images - firstStepImages, now - firstStepEnded);
  }

  private TrainingHeartbeat beat(
      int epoch,
      int done,
      double loss,
      double learningRate,
      long pacedSteps,
      long pacedImages,
      long pacedNanos) {
    double seconds = Math.max(pacedNanos / 1e9, 1e-9);
    return new TrainingHeartbeat(
        epoch,
        done,
        stepsPerEpoch,
        totalEpochs,
        loss,
        learningRate,
        pacedImages / seconds,
        pacedSteps / seconds);
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
