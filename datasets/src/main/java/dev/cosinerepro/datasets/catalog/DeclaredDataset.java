package dev.cosinerepro.datasets.catalog;

import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.io.Downloader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the datasets declared as data: a name, the files with checksums and sources, the official
 * split sizes and how to obtain user-supplied files. {@link #locate} is the shared {@link
 * DataFolder} step; subclasses only parse their layout.
 */
public abstract class DeclaredDataset {
  private static final Logger LOG = LoggerFactory.getLogger(DeclaredDataset.class);

  private final String name;
  private final String howToObtain;
  private final List<DatasetFile> files;
  private final DatasetFacts facts;
  private final Supplier<Downloader> downloader;

  DeclaredDataset(
      String name,
      String howToObtain,
      List<DatasetFile> files,
      DatasetFacts facts,
      Supplier<Downloader> downloader) {
    this.name = name;
    this.howToObtain = howToObtain;
    this.files = List.copyOf(files);
    this.facts = facts;
    this.downloader = downloader;
  }

  /** The registry name. */
  public String name() {
    return name;
  }

  /** The declared files. */
  public List<DatasetFile> files() {
    return files;
  }

  /** The checksum of every declared file by name ({@link Dataset#fileChecksums()}). */
  public Map<String, String> fileChecksums() {
    Map<String, String> checksums = new java.util.LinkedHashMap<>();
    Optional<DatasetMirror> mirror = DatasetMirror.fromSystem();
    for (DatasetFile declared : files) {
      DatasetFile file = mirror.map(m -> m.apply(name, declared)).orElse(declared);
      checksums.put(file.name(), file.checksum().fingerprint());
    }
    return checksums;
  }

  /** What the dataset declares about itself. */
  public Optional<DatasetFacts> facts() {
    return Optional.of(facts);
  }

  /** The official number of images in a split. */
  public int officialSize(Split split) {
    return split == Split.TRAIN ? facts.trainImages() : facts.testImages();
  }

  /** See {@link Dataset#locate}. */
  public Path locate(Path dataHome, boolean allowDownload) {
    return DataFolder.prepare(name, howToObtain, files, dataHome, allowDownload, downloader);
  }

  /** Logs a warning if a split does not have its official size (fine for subsets and fakes). */
  void checkSize(Split split, int size, Path root) {
    if (size != officialSize(split)) {
      LOG.warn(
          "{} {} split in {} has {} images, not the official {}",
          name,
          split,
          root,
          size,
          officialSize(split));
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
