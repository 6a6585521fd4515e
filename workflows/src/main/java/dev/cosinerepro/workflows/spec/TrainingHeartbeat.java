package dev.cosinerepro.workflows.spec;

/**
 * What a training activity heartbeats after every step: where it is and how fast it goes. Temporal
 * keeps the latest one with the pending activity, where {@code repro status}, the progress bar and
 * the web page read it (a workflow describe, no store access). Only for observers: resumption reads
 * the store, never this.
 *
 * @param epoch the 0-based epoch in progress (after an epoch ends: the count of completed epochs)
 * @param step the steps completed within {@code epoch}
 * @param stepsPerEpoch the steps of one epoch
 * @param totalEpochs the epochs of the whole schedule
 * @param loss the latest step's training loss
 * @param learningRate the latest step's learning rate
 * @param imagesPerSecond training images per second within the current epoch so far
 * @param stepsPerSecond training steps per second within the current epoch so far
 */
public record TrainingHeartbeat(
    int epoch,
    int step,
    int stepsPerEpoch,
    int totalEpochs,
    double loss,
    double learningRate,
    double imagesPerSecond,
    double stepsPerSecond) {

  /** Epochs done, the current one counted by its fraction of steps. */
  public double epochsDone() {
    double fraction = stepsPerEpoch <= 0 ? 0 : Math.min(1.0, step / (double) stepsPerEpoch);
    return Math.min(totalEpochs, epoch + fraction);
  }

  /**
   * Seconds until the schedule's last step at the current pace (evaluations not counted), or {@code
   * null} before a pace is known.
   */
  public Double secondsLeft() {
    if (!(stepsPerSecond > 0) || stepsPerEpoch <= 0) {
      return null;
    }
    double stepsLeft = (totalEpochs - epochsDone()) * stepsPerEpoch;
    return Math.max(0, stepsLeft) / stepsPerSecond;
  }

  /** Wall seconds per epoch at the current pace, or {@code null} before a pace is known. */
  public Double secondsPerEpoch() {
    return stepsPerSecond > 0 && stepsPerEpoch > 0 ? stepsPerEpoch / stepsPerSecond : null;
  }
}
