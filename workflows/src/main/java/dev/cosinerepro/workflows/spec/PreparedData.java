package dev.cosinerepro.workflows.spec;

import java.util.List;

/**
 * Where the prepared data of a run lies in the object store, and what a trainer must know about it.
 *
 * @param trainKey key of the training subset shard
 * @param testKey key of the full test split shard
 * @param classNames class names, indexed by 0-based label
 * @param channels image channels
 * @param height image height in pixels
 * @param width image width in pixels
 * @param trainImages images in the training subset
 * @param testImages images in the test split
 * @param mean per-channel mean of the training split (0-255 scale)
 * @param std per-channel standard deviation of the training split (0-255 scale)
 * @param imageCache for file datasets (CUB, NABirds, Cars, Flowers-102, image folders): the store
 *     prefix of the image-cache shards, {@code trainKey} then names the subset's index list and
 *     {@code height}/{@code width} are 0 (the crop comes from the run's augmentation); {@code null}
 *     for in-memory datasets
 */
public record PreparedData(
    String trainKey,
    String testKey,
    List<String> classNames,
    int channels,
    int height,
    int width,
    int trainImages,
    int testImages,
    List<Double> mean,
    List<Double> std,
    String imageCache) {

  /** The number of classes. */
  public int numClasses() {
    return classNames.size();
  }
}
