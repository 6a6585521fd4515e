package dev.cosinerepro.datasets.io;

import dev.cosinerepro.datasets.DatasetException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * Parser for the IDX files of MNIST and Fashion-MNIST, raw or gzip-compressed (recognised by
 * content). The header is checked: magic {@value #IMAGES_MAGIC} for images ({@code ubyte}, three
 * dimensions) and {@value #LABELS_MAGIC} for labels ({@code ubyte}, one dimension), positive
 * dimensions, exactly the declared number of bytes and nothing after them.
 */
public final class Idx {
  /** Magic number of an unsigned-byte, three-dimensional IDX file (images). */
  public static final int IMAGES_MAGIC = 2051;

  /** Magic number of an unsigned-byte, one-dimensional IDX file (labels). */
  public static final int LABELS_MAGIC = 2049;

  private Idx() {}

  /**
   * The images of an IDX3 file.
   *
   * @param count number of images
   * @param rows image height
   * @param cols image width
   * @param pixels {@code count * rows * cols} bytes, row-major images one after the other
   */
  public record Images(int count, int rows, int cols, byte[] pixels) {}

  /**
   * Reads an IDX3 unsigned-byte image file.
   *
   * @param file raw or gzip-compressed IDX file
   * @return the images
   * @throws DatasetException if the file is missing, a corrupt gzip, has the wrong magic or
   *     dimensions, or is shorter or longer than its header says
   */
  public static Images readImages(Path file) {
    try (InputStream raw = open(file)) {
      DataInputStream in = new DataInputStream(raw);
      checkMagic(file, in.readInt(), IMAGES_MAGIC, "an image (idx3-ubyte)");
      int count = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      long total = (long) count * rows * cols;
      if (count < 0 || rows <= 0 || cols <= 0 || total > Integer.MAX_VALUE - 16) {
        throw new DatasetException(
            file
                + " declares impossible image dimensions "
                + count
                + " x "
                + rows
                + "x"
                + cols
                + "; replace it with an intact copy.");
      }
      byte[] pixels = readBody(file, in, (int) total);
      return new Images(count, rows, cols, pixels);
    } catch (ZipException e) {
      throw Compression.corruptGzip(file, e);
    } catch (EOFException e) {
      throw truncated(file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + file + " failed", e);
    }
  }

  /**
   * Reads an IDX1 unsigned-byte label file.
   *
   * @param file raw or gzip-compressed IDX file
   * @return the labels as stored (0..255)
   * @throws DatasetException as {@link #readImages}
   */
  public static int[] readLabels(Path file) {
    try (InputStream raw = open(file)) {
      DataInputStream in = new DataInputStream(raw);
      checkMagic(file, in.readInt(), LABELS_MAGIC, "a label (idx1-ubyte)");
      int count = in.readInt();
      if (count < 0 || count > Integer.MAX_VALUE - 16) {
        throw new DatasetException(
            file
                + " declares an impossible label count "
                + count
                + "; replace it with an intact copy.");
      }
      byte[] bytes = readBody(file, in, count);
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) {
        labels[i] = bytes[i] & 0xff;
      }
      return labels;
    } catch (ZipException e) {
      throw Compression.corruptGzip(file, e);
    } catch (EOFException e) {
      throw truncated(file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + file + " failed", e);
    }
  }

  private static InputStream open(Path file) throws IOException {
    try {
      return Compression.openMaybeGzip(file);
    } catch (NoSuchFileException e) {
      throw new DatasetException(file + " does not exist; put the IDX file there.", e);
    }
  }

  private static void checkMagic(Path file, int magic, int expected, String kind) {
    if (magic != expected) {
      throw new DatasetException(
          file
              + " starts with magic number "
              + magic
              + " instead of "
              + expected
              + ", so it is not "
              + kind
              + " IDX file; check that the right file is in its place.");
    }
  }

  private static byte[] readBody(Path file, DataInputStream in, int length) throws IOException {
    byte[] body = new byte[length];
    in.readFully(body);
    if (in.read() != -1) {
      throw new DatasetException(
          file + " is longer than its header declares; replace it with an intact copy.");
    }
    return body;
  }

  private static DatasetException truncated(Path file, EOFException e) {
    return new DatasetException(
        file + " is shorter than its header declares (truncated); replace it with an intact copy.",
        e);
  }
}
