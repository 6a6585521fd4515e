package dev.cosinerepro.datasets.catalog;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.image.ImageSet;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A dataset the reproduction can train on, found by {@link DatasetRegistry#byName}. Either an
 * {@link ArrayDataset} (small images held in memory as an {@link ImageSet}) or a {@link
 * FileDataset} (image files listed in an {@link ImageFileList}).
 */
public sealed interface Dataset permits ArrayDataset, FileDataset {
  /** The registry name, e.g. {@code cub200}. */
  String name();

  /** Classes, split sizes and image shape as declared; empty for a user's folder. */
  Optional<DatasetFacts> facts();

  /**
   * Finds the data, verifying declared checksums, downloading what may be downloaded (if allowed)
   * and extracting archives, all under {@code dataHome/datasets/<name>}.
   *
   * @param dataHome the project's data home
   * @param allowDownload whether files with a public source may be downloaded
   * @return the root to pass to {@code load}/{@code index}
   * @throws DatasetException if a file is missing or damaged, saying how to get it
   */
  Path locate(Path dataHome, boolean allowDownload);

  /**
   * The checksum of every declared file by file name, e.g. {@code md5:97ec...}: {@link #locate}
   * verifies each file against it, so these are the checksums of the files a run used. Empty for a
   * user's folder, which declares none.
   */
  default Map<String, String> fileChecksums() {
    return Map.of();
  }
}
