package dev.cosinerepro.datasets.catalog;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.io.Checksum;
import dev.cosinerepro.datasets.io.Downloader;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * A loopback stand-in for the datasets' official hosts, for rehearsals and tests on generated
 * fixtures: each official address {@code https://HOST/PATH} is fetched from {@code BASE/HOST/PATH}
 * instead, and the fixtures' own checksums replace the declared ones. The real download code runs
 * unchanged (resume, retries, verification, extraction).
 *
 * <p>Only a file named by the system property {@value #PROPERTY} turns it on; it holds {@code
 * base=http://127.0.0.1:PORT} and one {@code DATASET/FILE=ALGORITHM HEX} line per file (algorithm
 * {@code MD5} or {@code SHA-256}). The base must be a loopback address, so the https-only rule
 * stays for every real host.
 *
 * @param base the loopback server that serves the official paths
 * @param checksums the fixtures' checksums by {@code DATASET/FILE}
 */
public record DatasetMirror(URI base, Properties checksums) {
  /** The system property naming the mirror file. */
  public static final String PROPERTY = "repro.datasets.mirror";

  /** Requires a loopback base. */
  public DatasetMirror {
    if (base == null || !Downloader.isLoopback(base.getHost())) {
      throw new DatasetException(
          "The dataset mirror's base "
              + base
              + " is not a loopback address: a mirror may only stand in for the official hosts on"
              + " 127.0.0.1 or localhost.");
    }
  }

  /** The mirror of the system property {@value #PROPERTY}, if it is set. */
  public static Optional<DatasetMirror> fromSystem() {
    String file = System.getProperty(PROPERTY);
    return file == null || file.isBlank() ? Optional.empty() : Optional.of(read(Path.of(file)));
  }

  /**
   * Reads a mirror file.
   *
   * @throws DatasetException if it cannot be read or has no base, naming the file
   */
  public static DatasetMirror read(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new DatasetException(
          "The dataset mirror file "
              + file
              + " (system property "
              + PROPERTY
              + ") cannot be read: "
              + e.getMessage()
              + "; fix the path or unset the property.",
          e);
    }
    String base = properties.getProperty("base");
    if (base == null) {
      throw new DatasetException(
          "The dataset mirror file " + file + " has no 'base=' line: add the loopback server.");
    }
    properties.remove("base");
    return new DatasetMirror(URI.create(base.endsWith("/") ? base : base + "/"), properties);
  }

  /** The file as this mirror serves it: the loopback address and the fixture's checksum. */
  DatasetFile apply(String dataset, DatasetFile file) {
    String declared = checksums.getProperty(dataset + "/" + file.name());
    Checksum checksum = file.checksum();
    if (declared != null) {
      String[] parts = declared.strip().split("\\s+");
      if (parts.length != 2) {
        throw new DatasetException(
            "The dataset mirror line for "
                + dataset
                + "/"
                + file.name()
                + " is '"
                + declared
                + "': write ALGORITHM HEX, e.g. MD5 0123....");
      }
      checksum = new Checksum(parts[0], parts[1], false);
    }
    Optional<URI> source =
        file.source()
            .map(
                official ->
                    base.resolve(
                        official.getHost()
                            + official.getRawPath()
                            + (official.getRawQuery() == null
                                ? ""
                                : "?" + official.getRawQuery())));
    return new DatasetFile(file.name(), source, checksum, file.extract());
  }
}
