package dev.cosinerepro.datasets.catalog;

/**
 * What a declared dataset says about itself before any file is read: classes, official split sizes,
 * image shape. Each dataset declares its own ({@link Dataset#facts()}); plans are checked and sized
 * from them.
 *
 * @param name the dataset name used in plans
 * @param classes number of classes
 * @param trainImages official training split size
 * @param testImages official test split size
 * @param channels input channels
 * @param side the side of every image in pixels; 0 when the images' sizes vary (photographs)
 * @param userSupplied whether the user must supply the files (no public download)
 * @param smallestTrainClass images in the smallest class of the training split, 0 when not known
 *     here
 */
public record DatasetFacts(
    String name,
    int classes,
    int trainImages,
    int testImages,
    int channels,
    int side,
    boolean userSupplied,
    int smallestTrainClass) {

  /** Training images per epoch of a run: the subset (or whole split) times its repeats. */
  public long imagesPerEpoch(int samplesPerClass, int repeats) {
    long base = samplesPerClass == 0 ? trainImages : (long) samplesPerClass * classes;
    return base * repeats;
  }
}
