package dev.cosinerepro.activities.data;

import dev.cosinerepro.datasets.FashionMnist;
import dev.cosinerepro.datasets.ImageSet;
import dev.cosinerepro.datasets.Split;
import java.nio.file.Path;
import java.util.List;

/** Resolves a dataset name of a plan to the code that loads its splits. */
public final class DatasetCatalog {
  /** The dataset names this catalog knows. */
  public static final List<String> NAMES = List.of("fashion-mnist");

  private final Path dataHome;
  private final boolean allowDownload;

  /**
   * Creates a catalog.
   *
   * @param dataHome the data folder, where datasets are looked for and downloaded to
   * @param allowDownload whether a missing dataset may be downloaded from its official source
   */
  public DatasetCatalog(Path dataHome, boolean allowDownload) {
    this.dataHome = dataHome;
    this.allowDownload = allowDownload;
  }

  /** Whether a dataset name is known. */
  public static boolean knows(String name) {
    return NAMES.contains(name);
  }

  /**
   * Loads one split of a dataset.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public ImageSet load(String name, Split split) {
    if ("fashion-mnist".equals(name)) {
      return FashionMnist.load(FashionMnist.locate(dataHome, allowDownload), split);
    }
    throw new IllegalArgumentException(
        "The dataset '" + name + "' is not known: use one of " + String.join(", ", NAMES) + ".");
  }
}
