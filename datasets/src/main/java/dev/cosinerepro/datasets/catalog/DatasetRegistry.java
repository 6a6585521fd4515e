package dev.cosinerepro.datasets.catalog;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.image.ImageSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds a {@link Dataset} by the name used in configurations and on the command line. */
public final class DatasetRegistry {
  /** The fixed names; {@code folder:PATH} is accepted as well. */
  public static final List<String> NAMES =
      List.of(
          Cub200.NAME,
          NaBirds.NAME,
          StanfordCars.NAME,
          Flowers102.NAME,
          Cifar100.NAME,
          FashionMnistDataset.NAME);

  private DatasetRegistry() {}

  /**
   * What a dataset declares about itself, without reading a file.
   *
   * @param name a dataset name
   * @return the facts; empty for a user's folder or an unknown name
   */
  public static Optional<DatasetFacts> facts(String name) {
    try {
      return byName(name).facts();
    } catch (DatasetException e) {
      return Optional.empty();
    }
  }

  /**
   * The dataset of a name.
   *
   * @param name one of {@link #NAMES} or {@code folder:PATH}
   * @return the dataset
   * @throws DatasetException listing the valid names if the name is unknown
   */
  public static Dataset byName(String name) {
    String key = name.strip();
    if (key.startsWith("folder:") && key.length() > "folder:".length()) {
      return new ImageFolder(Path.of(key.substring("folder:".length())));
    }
    return switch (key) {
      case Cub200.NAME -> new Cub200();
      case NaBirds.NAME -> new NaBirds();
      case StanfordCars.NAME -> new StanfordCars();
      case Flowers102.NAME -> new Flowers102();
      case Cifar100.NAME -> new Cifar100();
      case FashionMnistDataset.NAME -> new FashionMnistDataset();
      default ->
          throw new DatasetException(
              "Unknown dataset '"
                  + name
                  + "'; use one of "
                  + String.join(", ", NAMES)
                  + " or folder:PATH.");
    };
  }

  /** Fashion-MNIST as a registry entry, delegating to {@link FashionMnist}. */
  public static final class FashionMnistDataset implements ArrayDataset {
    static final String NAME = "fashion-mnist";

    private static final DatasetFacts FACTS =
        new DatasetFacts(NAME, 10, 60000, 10000, 1, 28, false, 6000);

    private final FashionMnist.Sources sources;

    FashionMnistDataset() {
      this(FashionMnist.OFFICIAL);
    }

    FashionMnistDataset(FashionMnist.Sources sources) {
      this.sources = sources;
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public Optional<DatasetFacts> facts() {
      return Optional.of(FACTS);
    }

    @Override
    public Map<String, String> fileChecksums() {
      Map<String, String> checksums = new java.util.LinkedHashMap<>();
      FashionMnist.FILES.forEach(file -> checksums.put(file.name(), file.checksum().fingerprint()));
      return checksums;
    }

    @Override
    public Path locate(Path dataHome, boolean allowDownload) {
      return FashionMnist.locate(dataHome, allowDownload, sources);
    }

    @Override
    public ImageSet load(Path root, Split split) {
      return FashionMnist.load(root, split);
    }
  }
}
