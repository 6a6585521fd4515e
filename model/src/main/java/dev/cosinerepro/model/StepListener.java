package dev.cosinerepro.model;

/** Receives progress after every training step (for progress bars, metrics and heartbeats). */
@FunctionalInterface
public interface StepListener {

  /** A listener that ignores every step. */
  StepListener NONE = (epoch, step, loss, accuracy, learningRate) -> {};

  /**
   * Called after each completed update.
   *
   * @param epoch the 0-based epoch being trained
   * @param step the 0-based step within the epoch
   * @param loss the batch's mean loss
   * @param accuracy the batch's accuracy
   * @param learningRate the rate of the update
   */
  void onStep(int epoch, int step, double loss, double accuracy, double learningRate);
}
