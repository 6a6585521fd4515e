package dev.cosinerepro.workflows.spec;

/**
 * What one training epoch measured.
 *
 * @param epoch 0-based epoch number
 * @param learningRate the learning rate of the epoch
 * @param trainLoss mean training loss
 * @param trainAccuracy training accuracy on the (augmented) batches
 * @param testAccuracy test accuracy after the epoch, or {@code null} when the epoch was not
 *     evaluated
 * @param seconds wall time of training and evaluation
 * @param imagesPerSecond training throughput
 */
public record EpochRecord(
    int epoch,
    double learningRate,
    double trainLoss,
    double trainAccuracy,
    Double testAccuracy,
    double seconds,
    double imagesPerSecond) {}
