package dev.cosinerepro.activities.data;

import dev.cosinerepro.datasets.Cifar100;
import dev.cosinerepro.datasets.FashionMnist;
import dev.cosinerepro.datasets.ImageSet;
import dev.cosinerepro.datasets.Split;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Resolves a dataset name of a plan to the code that loads its splits. */
public final class DatasetCatalog {
  /**
   * The datasets the workers can train on now: the in-memory ones. The 448-pixel datasets (CUB,
   * NABirds, Cars, Flowers-102) are prepared by {@code repro data} but not yet fed to the trainer.
   */
  public static final List<String> NAMES = List.of("cifar100", "fashion-mnist");

  /** Loads one split of one dataset. */
  @FunctionalInterface
  public interface SplitLoader {
    /** Loads the split. */
    ImageSet load(Split split);
  }

  private final Map<String, SplitLoader> loaders;
  private final Map<String, Runnable> checks;

  private DatasetCatalog(Map<String, SplitLoader> loaders, Map<String, Runnable> checks) {
    this.loaders = Map.copyOf(loaders);
    this.checks = Map.copyOf(checks);
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
    return new DatasetCatalog(loaders, checks);
  }

  /** A catalog of the given loaders (for tests and for folders a user vouches for). */
  public static DatasetCatalog of(Map<String, SplitLoader> loaders) {
    return new DatasetCatalog(loaders, Map.of());
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
    checks.getOrDefault(name, () -> {}).run();
  }

  /** Whether a dataset name is known to this catalog. */
  public boolean knows(String name) {
    return loaders.containsKey(name);
  }

  /** The names this catalog knows, sorted. */
  public List<String> names() {
    return loaders.keySet().stream().sorted().toList();
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
