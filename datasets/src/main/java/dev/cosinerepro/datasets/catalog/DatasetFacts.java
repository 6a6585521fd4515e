package dev.cosinerepro.datasets.catalog;

import java.util.List;
import java.util.Map;

/**
 * What plans need to know about the paper's datasets before any file is read: classes, official
 * split sizes, and the network input. Pure data (the official splits), used to size plans and to
 * estimate their cost.
 *
 * @param name the dataset name used in plans
 * @param classes number of classes
 * @param trainImages official training split size
 * @param testImages official test split size
 * @param channels input channels
 * @param side network input side in pixels (448-pixel random crops for the fine-grained datasets)
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

  private static final Map<String, DatasetFacts> KNOWN =
      Map.of(
          "cub200", new DatasetFacts("cub200", 200, 5994, 5794, 3, 448, false, 29),
          "nabirds", new DatasetFacts("nabirds", 555, 23929, 24633, 3, 448, true, 0),
          "cars", new DatasetFacts("cars", 196, 8144, 8041, 3, 448, true, 0),
          "flowers102", new DatasetFacts("flowers102", 102, 2040, 6149, 3, 448, false, 20),
          "cifar100", new DatasetFacts("cifar100", 100, 50000, 10000, 3, 32, false, 500),
          "fashion-mnist", new DatasetFacts("fashion-mnist", 10, 60000, 10000, 1, 28, false, 6000));

  /** The datasets with known facts, sorted. */
  public static List<String> names() {
    return KNOWN.keySet().stream().sorted().toList();
  }

  /** The facts of a dataset, if known (user folders are not). */
  public static java.util.Optional<DatasetFacts> of(String name) {
    return java.util.Optional.ofNullable(KNOWN.get(name));
  }

  /** Training images per epoch of a run: the subset (or whole split) times its repeats. */
  public long imagesPerEpoch(int samplesPerClass, int repeats) {
    long base = samplesPerClass == 0 ? trainImages : (long) samplesPerClass * classes;
    return base * repeats;
  }
}
