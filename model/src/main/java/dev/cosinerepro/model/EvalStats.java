package dev.cosinerepro.model;

/**
 * An evaluation pass in inference mode (BatchNorm with running statistics, no updates).
 *
 * @param loss the mean loss over all images
 * @param accuracy the fraction of images predicted correctly
 * @param images how many images were evaluated
 */
public record EvalStats(double loss, double accuracy, long images) {}
