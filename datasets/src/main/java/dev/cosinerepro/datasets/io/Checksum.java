package dev.cosinerepro.datasets.io;

import dev.cosinerepro.datasets.DatasetException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.ZipException;

/**
 * The expected digest of a file, declared as data next to the file name.
 *
 * @param algorithm {@code SHA-256} or {@code MD5}
 * @param hex the expected digest, lower-case hex
 * @param ofGunzippedContent if true, the digest is of the file's gunzipped content (used where the
 *     same data is distributed as differently compressed {@code .gz} files, as with Fashion-MNIST
 *     on Debian); a file that is not gzip is hashed as it is
 */
public record Checksum(String algorithm, String hex, boolean ofGunzippedContent) {

  /** Validates the algorithm name and the hex length. */
  public Checksum {
    algorithm = algorithm.toUpperCase(Locale.ROOT);
    hex = hex.toLowerCase(Locale.ROOT);
    int expectedLength =
        switch (algorithm) {
          case "SHA-256" -> 64;
          case "MD5" -> 32;
          default ->
              throw new DatasetException(
                  "Checksum algorithm '" + algorithm + "' is not supported; use SHA-256 or MD5.");
        };
    if (hex.length() != expectedLength || !hex.matches("[0-9a-f]+")) {
      throw new DatasetException(
          "Checksum '"
              + hex
              + "' is not a "
              + algorithm
              + " hex digest; declare "
              + expectedLength
              + " hex digits.");
    }
  }

  /** A SHA-256 of the file as stored. */
  public static Checksum sha256(String hex) {
    return new Checksum("SHA-256", hex, false);
  }

  /** An MD5 of the file as stored. */
  public static Checksum md5(String hex) {
    return new Checksum("MD5", hex, false);
  }

  /** A SHA-256 of the gunzipped content (of the file as stored if it is not gzip). */
  public static Checksum sha256OfGunzipped(String hex) {
    return new Checksum("SHA-256", hex, true);
  }

  /**
   * Computes this checksum's digest of a file.
   *
   * @param file the file
   * @return lower-case hex digest
   * @throws DatasetException if the file is declared gzip-compressed content and is a corrupt gzip
   * @throws UncheckedIOException if reading fails
   */
  public String compute(Path file) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JVM", e);
    }
    try (InputStream in = ofGunzippedContent ? Compression.openMaybeGzip(file) : rawStream(file)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    } catch (ZipException | java.io.EOFException e) {
      throw Compression.corruptGzip(file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + file + " failed", e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static InputStream rawStream(Path file) throws IOException {
    return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
  }

  /**
   * Whether a regular file exists at {@code file} and has this digest; a corrupt gzip counts as a
   * mismatch.
   */
  public boolean matches(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try {
      return compute(file).equals(hex);
    } catch (DatasetException e) {
      return false;
    }
  }

  /**
   * Checks a file against this checksum.
   *
   * @param file the file
   * @throws DatasetException naming the file, expected and actual digest if they differ
   */
  public void verify(Path file) {
    String actual = compute(file);
    if (!actual.equals(hex)) {
      throw new DatasetException(
          file
              + " has "
              + describe()
              + " "
              + actual
              + " but "
              + hex
              + " was expected; delete it and get the file again.");
    }
  }

  /** E.g. {@code MD5 97eceeb1...} or {@code SHA-256 of the gunzipped content c59f468a...}. */
  public String fingerprint() {
    return describe() + " " + hex;
  }

  /** E.g. {@code SHA-256} or {@code SHA-256 of the gunzipped content}. */
  public String describe() {
    return ofGunzippedContent ? algorithm + " of the gunzipped content" : algorithm;
  }
}
