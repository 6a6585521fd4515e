package dev.cosinerepro.activities.data;

import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.cache.CacheOptions;
import dev.cosinerepro.datasets.cache.ImageCache;
import dev.cosinerepro.datasets.catalog.Cifar100;
import dev.cosinerepro.datasets.catalog.DatasetRegistry;
import dev.cosinerepro.datasets.catalog.FashionMnist;
import dev.cosinerepro.datasets.image.ImageSet;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Resolves a dataset name of a plan to the code that loads its splits. */
public final class DatasetCatalog {
  /** The in-memory datasets: loaded whole, batched by {@code BatchLoader}. */
  public static final List<String> ARRAY_NAMES = List.of("cifar100", "fashion-mnist");

  /**
   * The file datasets: decoded once into an image cache whose shards go to the object store,
   * batched by {@code CroppedBatchLoader}; {@code folder:PATH} is one too.
   */
  public static final List<String> IMAGE_NAMES = List.of("cub200", "nabirds", "cars", "flowers102");

  /** Every dataset name the standard catalog knows (plus {@code folder:PATH}). */
  public static final List<String> NAMES =
      List.of("cars", "cifar100", "cub200", "fashion-mnist", "flowers102", "nabirds");

  /** Loads one split of one dataset. */
  @FunctionalInterface
  public interface SplitLoader {
    /** Loads the split. */
    ImageSet load(Split split);
  }

  private final Map<String, SplitLoader> loaders;
  private final Map<String, Runnable> checks;
  private final Path dataHome;
  private final boolean allowDownload;

  private DatasetCatalog(
      Map<String, SplitLoader> loaders,
      Map<String, Runnable> checks,
      Path dataHome,
      boolean allowDownload) {
    this.loaders = Map.copyOf(loaders);
    this.checks = Map.copyOf(checks);
    this.dataHome = dataHome;
    this.allowDownload = allowDownload;
  }

  /**
   * The standard catalog: every dataset found (and verified) in the data folder or the system's
   * dataset folders, or downloaded from its official source.
   *
   * @param dataHome the data folder, where datasets are looked for and downloaded to
   * @param allowDownload whether a missing dataset may be downloaded
   */
  public static DatasetCatalog standard(Path dataHome, boolean allowDownload) {
    Map<String, SplitLoader> loaders = new LinkedHashMap<>();
    loaders.put(
        "fashion-mnist",
        split -> FashionMnist.load(FashionMnist.locate(dataHome, allowDownload), split));
    Cifar100 cifar = new Cifar100();
    loaders.put("cifar100", split -> cifar.load(cifar.locate(dataHome, allowDownload), split));
    Map<String, Runnable> checks = new LinkedHashMap<>();
    checks.put("fashion-mnist", () -> FashionMnist.locate(dataHome, allowDownload));
    checks.put("cifar100", () -> cifar.locate(dataHome, allowDownload));
    return new DatasetCatalog(loaders, checks, dataHome, allowDownload);
  }

  /** A catalog of the given loaders (for tests and for folders a user vouches for). */
  public static DatasetCatalog of(Map<String, SplitLoader> loaders) {
    return new DatasetCatalog(loaders, Map.of(), null, false);
  }

  /**
   * Checks that a dataset is there (found and verified, or downloaded), without loading it.
   *
   * @throws dev.cosinerepro.datasets.DatasetException saying how to get it
   * @throws IllegalArgumentException for an unknown name
   */
  public void check(String name) {
    if (!knows(name)) {
      throw new IllegalArgumentException(
          "The dataset '"
              + name
              + "' is not known: use one of "
              + String.join(", ", names())
              + ".");
    }
    if (isImageDataset(name)) {
      DatasetRegistry.byName(name).locate(dataHome, allowDownload);
      return;
    }
    checks.getOrDefault(name, () -> {}).run();
  }

  /** Whether a dataset name is known to this catalog. */
  public boolean knows(String name) {
    return loaders.containsKey(name) || isImageDataset(name);
  }

  /** Whether a name is a file dataset this catalog can cache (standard catalogs only). */
  public boolean isImageDataset(String name) {
    return dataHome != null
        && (IMAGE_NAMES.contains(name) || (name.startsWith("folder:") && name.length() > 7));
  }

  /** The data folder of this catalog ({@code null} for a catalog of given loaders). */
  public Path dataHome() {
    return dataHome;
  }

  /**
   * Builds (once) the image cache of a file dataset in the data folder.
   *
   * @throws dev.cosinerepro.datasets.DatasetException when the data is missing or damaged
   */
  public ImageCache prepareImages(String name) {
    return ImageCache.prepare(
        DatasetRegistry.byName(name), dataHome, allowDownload, CacheOptions.defaults());
  }

  /** The names this catalog knows, sorted. */
  public List<String> names() {
    java.util.TreeSet<String> names = new java.util.TreeSet<>(loaders.keySet());
    if (dataHome != null) {
      names.addAll(IMAGE_NAMES);
    }
    return List.copyOf(names);
  }

  /**
   * Loads one split of a dataset.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public ImageSet load(String name, Split split) {
    SplitLoader loader = loaders.get(name);
    if (loader == null) {
      throw new IllegalArgumentException(
          "The dataset '"
              + name
              + "' is not known: use one of "
              + String.join(", ", names())
              + ".");
    }
    return loader.load(split);
  }
}
