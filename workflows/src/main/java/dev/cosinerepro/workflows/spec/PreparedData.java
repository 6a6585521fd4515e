package dev.cosinerepro.workflows.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Where the prepared data of a run lies in the object store, and what a trainer must know about it.
 * The {@code source} says how the trainer reads the images; the keys mean:
 *
 * <ul>
 *   <li>{@link Source#ARRAYS} (Fashion-MNIST, CIFAR-100): {@code trainKey} is the training subset's
 *       image-set shard and {@code testKey} the test split's; {@code height} and {@code width} are
 *       the images' size;
 *   <li>{@link Source#IMAGE_CACHE} (CUB, NABirds, Cars, Flowers-102, image folders): {@code
 *       trainKey} is the subset's index list and {@code testKey} the store prefix of the image
 *       cache's shards; images vary in size, so {@code height} and {@code width} are 0 and the
 *       network's input is the crop of the run's augmentation.
 * </ul>
 *
 * <p>Records written before {@code source} existed carry {@code imageCache} (the cache prefix, or
 * null for arrays) instead; {@link #of} still reads them.
 *
 * @param source how the images are stored
 * @param trainKey key of the training subset (shard or index list)
 * @param testKey key of the test split shard, or the image cache's prefix
 * @param classNames class names, indexed by 0-based label
 * @param channels image channels
 * @param height image height in pixels (0 for an image cache)
 * @param width image width in pixels (0 for an image cache)
 * @param trainImages images in the training subset
 * @param testImages images in the test split
 * @param mean per-channel mean of the training split (0-255 scale)
 * @param std per-channel standard deviation of the training split (0-255 scale)
 */
public record PreparedData(
    Source source,
    String trainKey,
    String testKey,
    List<String> classNames,
    int channels,
    int height,
    int width,
    int trainImages,
    int testImages,
    List<Double> mean,
    List<Double> std) {

  /** How a run's images are stored. */
  public enum Source {
    /** Small images of one size held in memory as image-set shards. */
    ARRAYS,
    /** Images of any size in the shards of an image cache, cropped per step. */
    IMAGE_CACHE
  }

  /**
   * Reads both shapes from JSON: the current one (with {@code source}) and the older one without
   * it, where a non-null {@code imageCache} (the cache prefix) meant {@link Source#IMAGE_CACHE}.
   */
  @JsonCreator
  public static PreparedData of(
      @JsonProperty("source") Source source,
      @JsonProperty("trainKey") String trainKey,
      @JsonProperty("testKey") String testKey,
      @JsonProperty("classNames") List<String> classNames,
      @JsonProperty("channels") int channels,
      @JsonProperty("height") int height,
      @JsonProperty("width") int width,
      @JsonProperty("trainImages") int trainImages,
      @JsonProperty("testImages") int testImages,
      @JsonProperty("mean") List<Double> mean,
      @JsonProperty("std") List<Double> std,
      @JsonProperty("imageCache") String imageCache) {
    Source kind =
        source != null ? source : (imageCache == null ? Source.ARRAYS : Source.IMAGE_CACHE);
    String test = source == null && imageCache != null ? imageCache : testKey;
    return new PreparedData(
        kind,
        trainKey,
        test,
        classNames,
        channels,
        height,
        width,
        trainImages,
        testImages,
        mean,
        std);
  }

  /** The number of classes. */
  public int numClasses() {
    return classNames.size();
  }
}
