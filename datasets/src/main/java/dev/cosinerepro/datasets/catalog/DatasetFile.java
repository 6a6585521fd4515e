package dev.cosinerepro.datasets.catalog;

import dev.cosinerepro.datasets.io.Checksum;
import java.net.URI;
import java.util.Optional;

/**
 * One file a dataset needs, declared as data.
 *
 * @param name file name under {@code dataHome/datasets/<dataset>/}
 * @param source the public https address, or empty if the user must supply the file
 * @param checksum the expected digest
 * @param extract whether the file is an archive to extract into {@code extracted/<name>/}
 */
public record DatasetFile(String name, Optional<URI> source, Checksum checksum, boolean extract) {
  /** A file that can be downloaded from {@code url}. */
  public static DatasetFile download(String name, String url, Checksum checksum, boolean extract) {
    return new DatasetFile(name, Optional.of(URI.create(url)), checksum, extract);
  }

  /** A file the user has to supply (behind a form, or its host is gone). */
  public static DatasetFile userSupplied(String name, Checksum checksum, boolean extract) {
    return new DatasetFile(name, Optional.empty(), checksum, extract);
  }

  /** Same file with another checksum (for tests on fake files). */
  DatasetFile withChecksum(Checksum other) {
    return new DatasetFile(name, source, other, extract);
  }
}
