package dev.cosinerepro.datasets.io;

import dev.cosinerepro.datasets.DatasetException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens files that may be gzip-compressed, recognised by their magic bytes, not their name. */
public final class Compression {
  private Compression() {}

  /**
   * Opens a file for reading, transparently gunzipping it if it starts with the gzip magic bytes
   * {@code 1f 8b}. Gzip trailer errors (bad CRC, truncation) surface as {@link
   * java.util.zip.ZipException} or {@link java.io.EOFException} while reading.
   *
   * @param file the file
   * @return a buffered stream of the (decompressed) content
   * @throws IOException if opening fails or the gzip header is corrupt
   */
  public static InputStream openMaybeGzip(Path file) throws IOException {
    BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
      }
      if (file.getFileName().toString().endsWith(".gz")) {
        throw new java.util.zip.ZipException("Not in GZIP format");
      }
      return in;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** The one-sentence error for a file that should be gzip and is not or is damaged. */
  static DatasetException corruptGzip(Path file, IOException cause) {
    return new DatasetException(
        file
            + " is not a valid gzip file ("
            + cause.getMessage()
            + "); delete it and download or copy it again.",
        cause);
  }
}
