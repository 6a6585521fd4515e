package dev.cosinerepro.activities.data;

import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.cache.CacheOptions;
import dev.cosinerepro.datasets.cache.ImageCache;
import dev.cosinerepro.datasets.catalog.ArrayDataset;
import dev.cosinerepro.datasets.catalog.Dataset;
import dev.cosinerepro.datasets.catalog.DatasetRegistry;
import dev.cosinerepro.datasets.catalog.FileDataset;
import dev.cosinerepro.datasets.image.ImageSet;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where a worker's datasets come from: the registry's datasets in a data folder (in-memory ones
 * loaded whole, file ones decoded into an image cache), or loaders a test hands in. Which datasets
 * exist and of which kind is the registry's to say ({@link DatasetRegistry}); nothing here lists
 * them again.
 */
public final class DatasetCatalog {

  /** Loads one split of one dataset. */
  @FunctionalInterface
  public interface SplitLoader {
    /** Loads the split. */
    ImageSet load(Split split);
  }

  private final Map<String, SplitLoader> loaders;
  private final Path dataHome;
  private final boolean allowDownload;

  private DatasetCatalog(Map<String, SplitLoader> loaders, Path dataHome, boolean allowDownload) {
    this.loaders = Map.copyOf(loaders);
    this.dataHome = dataHome;
    this.allowDownload = allowDownload;
  }

  /**
   * The standard catalog: every registry dataset, found (and verified) in the data folder or the
   * system's dataset folders, or downloaded from its official source.
   *
   * @param dataHome the data folder, where datasets are looked for and downloaded to
   * @param allowDownload whether a missing dataset may be downloaded
   */
  public static DatasetCatalog standard(Path dataHome, boolean allowDownload) {
    Map<String, SplitLoader> loaders = new LinkedHashMap<>();
    for (String name : DatasetRegistry.NAMES) {
      if (DatasetRegistry.byName(name) instanceof ArrayDataset dataset) {
        loaders.put(name, split -> dataset.load(dataset.locate(dataHome, allowDownload), split));
      }
    }
    return new DatasetCatalog(loaders, dataHome, allowDownload);
  }

  /** A catalog of the given loaders (for tests and for folders a user vouches for). */
  public static DatasetCatalog of(Map<String, SplitLoader> loaders) {
    return new DatasetCatalog(loaders, null, false);
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
    if (dataHome != null) {
      DatasetRegistry.byName(name).locate(dataHome, allowDownload);
    }
  }

  /** Whether a dataset name is known to this catalog. */
  public boolean knows(String name) {
    return loaders.containsKey(name) || isImageDataset(name);
  }

  /** Whether a name is a file dataset this catalog can cache (standard catalogs only). */
  public boolean isImageDataset(String name) {
    if (dataHome == null) {
      return false;
    }
    try {
      return DatasetRegistry.byName(name) instanceof FileDataset;
    } catch (RuntimeException e) {
      return false;
    }
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
    TreeSet<String> names = new TreeSet<>(loaders.keySet());
    if (dataHome != null) {
      for (String name : DatasetRegistry.NAMES) {
        Dataset dataset = DatasetRegistry.byName(name);
        if (dataset instanceof FileDataset) {
          names.add(name);
        }
      }
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
