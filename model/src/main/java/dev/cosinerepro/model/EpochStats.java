package dev.cosinerepro.model;

/**
 * What one training epoch did.
 *
 * @param epoch the 0-based epoch that was trained
 * @param loss the mean training loss over all images of the epoch (each batch weighted by its size)
 * @param accuracy the fraction of training images predicted correctly during the epoch
 * @param learningRate the rate the schedule gave this epoch
 * @param images how many images were seen
 * @param imagesPerSecond throughput over the whole epoch, batch loading included
 */
public record EpochStats(
    int epoch,
    double loss,
    double accuracy,
    double learningRate,
    long images,
    double imagesPerSecond) {}
