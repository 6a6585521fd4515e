package dev.cosinerepro.datasets.cache;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.image.ImageDecoding;
import dev.cosinerepro.datasets.image.ImageSet;
import dev.cosinerepro.datasets.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A shard of the pre-processed image cache: images of varying size, each stored as raw RGB uint8
 * HWC or as a JPEG, with its label. Unlike {@link ImageSet}'s format a shard can be read at random
 * ({@link #open}), one image at a time, with each image's checksum checked on every read.
 *
 * <h2>Format</h2>
 *
 * Big-endian: magic {@code "CRIV"} ({@code 0x43524956}), version {@code 1}, the int count {@code
 * n}; then {@code n} index entries of label (int), height (int), width (int), encoding (byte: 0 raw
 * RGB HWC, 1 JPEG), payload length (int) and payload CRC-32 (int); the CRC-32 of everything before
 * it (int); then the {@code n} payloads one after the other. Raw payloads are {@code height * width
 * * 3} bytes.
 */
public final class ImageShard {
  /** {@code "CRIV"} in ASCII. */
  static final int MAGIC = 0x43524956;

  static final int VERSION = 1;
  private static final int ENTRY_BYTES = 21;
  private static final int MAX_SIDE = 1 << 15;

  /** How an image's pixels are stored. */
  public enum Encoding {
    /** Raw RGB uint8, HWC. */
    RAW,
    /** A baseline JPEG. */
    JPEG
  }

  /**
   * One cached image.
   *
   * @param label 0-based class id
   * @param height height in pixels
   * @param width width in pixels
   * @param encoding how {@code data} holds the pixels
   * @param data the payload
   */
  public record Entry(int label, int height, int width, Encoding encoding, byte[] data) {
    /** The RGB HWC pixels, decoding a JPEG payload. */
    public byte[] rgb() {
      if (encoding == Encoding.RAW) {
        return data;
      }
      ImageDecoding.Rgb rgb = ImageDecoding.decode(data, "cached JPEG");
      if (rgb.height() != height || rgb.width() != width) {
        throw new DatasetException(
            "A cached JPEG decodes to "
                + rgb.height()
                + "x"
                + rgb.width()
                + " instead of "
                + height
                + "x"
                + width
                + "; delete the cache folder and prepare the dataset again.");
      }
      return rgb.pixels();
    }
  }

  private final List<Entry> entries;

  private ImageShard(List<Entry> entries) {
    this.entries = entries;
  }

  /** The entries, in order; unmodifiable. */
  public List<Entry> entries() {
    return entries;
  }

  /** Number of images. */
  public int size() {
    return entries.size();
  }

  /**
   * Writes entries in the shard format.
   *
   * @param entries the images
   * @param out the stream; flushed, not closed
   * @throws IOException if writing fails
   */
  public static void write(List<Entry> entries, OutputStream out) throws IOException {
    ByteArrayOutputStream header = new ByteArrayOutputStream(12 + entries.size() * ENTRY_BYTES);
    DataOutputStream h = new DataOutputStream(header);
    h.writeInt(MAGIC);
    h.writeInt(VERSION);
    h.writeInt(entries.size());
    for (Entry e : entries) {
      if (e.encoding() == Encoding.RAW && e.data().length != e.height() * e.width() * 3) {
        throw new IllegalArgumentException("raw entry of wrong length");
      }
      CRC32 crc = new CRC32();
      crc.update(e.data());
      h.writeInt(e.label());
      h.writeInt(e.height());
      h.writeInt(e.width());
      h.writeByte(e.encoding().ordinal());
      h.writeInt(e.data().length);
      h.writeInt((int) crc.getValue());
    }
    h.flush();
    CRC32 headerCrc = new CRC32();
    headerCrc.update(header.toByteArray());
    h.writeInt((int) headerCrc.getValue());
    h.flush();
    DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    header.writeTo(data);
    for (Entry e : entries) {
      data.write(e.data());
    }
    data.flush();
  }

  /**
   * Writes entries to a file atomically (a temporary file beside it, then a rename).
   *
   * @param entries the images
   * @param file the shard file; its folder is created if missing
   * @throws IOException if writing fails
   */
  public static void write(List<Entry> entries, Path file) throws IOException {
    AtomicFiles.write(file, out -> write(entries, out));
  }

  /**
   * Reads a whole shard from a stream (e.g. an object-store download), checking the header and
   * every image's CRC-32. Stops right after the last payload.
   *
   * @param in the stream; not closed
   * @return the shard
   * @throws DatasetException if the stream is not a shard, is truncated or is corrupt
   * @throws IOException if reading fails
   */
  public static ImageShard read(InputStream in) throws IOException {
    return read(in, "The image-shard stream");
  }

  /**
   * Reads a whole shard file into memory.
   *
   * @param file the shard file
   * @return the shard
   * @throws DatasetException if the file is missing, not a shard, truncated or corrupt
   * @throws IOException if reading fails
   */
  public static ImageShard read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, "Image shard " + file);
    } catch (NoSuchFileException e) {
      throw new DatasetException(
          "Image shard " + file + " does not exist; prepare the dataset again.", e);
    }
  }

  private static ImageShard read(InputStream in, String what) throws IOException {
    DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
    try {
      Index index = Index.read(data, what);
      List<Entry> entries = new ArrayList<>(index.size());
      for (int i = 0; i < index.size(); i++) {
        byte[] payload = new byte[index.length[i]];
        data.readFully(payload);
        index.check(i, payload, what);
        entries.add(index.entry(i, payload));
      }
      return new ImageShard(List.copyOf(entries));
    } catch (EOFException e) {
      throw new DatasetException(what + " is truncated; prepare the dataset again.", e);
    }
  }

  /**
   * Opens a shard file for reading single images at random; safe for concurrent use.
   *
   * @param file the shard file
   * @return the open shard; close it when done
   * @throws DatasetException if the file is missing or its header is not a valid shard header
   */
  public static Reader open(Path file) {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      try {
        Index index =
            Index.read(
                new DataInputStream(
                    new java.io.BufferedInputStream(
                        java.nio.channels.Channels.newInputStream(channel.position(0)), 1 << 16)),
                "Image shard " + file);
        return new Reader(file, channel, index);
      } catch (EOFException e) {
        channel.close();
        throw new DatasetException(
            "Image shard " + file + " is truncated; prepare the dataset again.", e);
      } catch (RuntimeException | IOException e) {
        channel.close();
        throw e;
      }
    } catch (NoSuchFileException e) {
      throw new DatasetException(
          "Image shard " + file + " does not exist; prepare the dataset again.", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Opening " + file + " failed", e);
    }
  }

  /** A shard file open for random reads of single images. */
  public static final class Reader implements Closeable {
    private final Path file;
    private final FileChannel channel;
    private final Index index;

    private Reader(Path file, FileChannel channel, Index index) {
      this.file = file;
      this.channel = channel;
      this.index = index;
    }

    /** Number of images. */
    public int size() {
      return index.size();
    }

    /** The label of image {@code i}, without reading its payload. */
    public int label(int i) {
      return index.label[i];
    }

    /**
     * Reads one image, checking its CRC-32.
     *
     * @param i image index in the shard
     * @return the entry
     * @throws DatasetException if the payload is truncated or corrupt
     */
    public Entry read(int i) {
      byte[] payload = new byte[index.length[i]];
      ByteBuffer buffer = ByteBuffer.wrap(payload);
      long position = index.offset[i];
      try {
        while (buffer.hasRemaining()) {
          int n = channel.read(buffer, position + buffer.position());
          if (n < 0) {
            throw new DatasetException(
                "Image shard " + file + " is truncated; prepare the dataset again.");
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Reading " + file + " failed", e);
      }
      String what = "Image shard " + file;
      index.check(i, payload, what);
      return index.entry(i, payload);
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  /** The parsed, checked header. */
  private static final class Index {
    final int[] label;
    final int[] height;
    final int[] width;
    final byte[] encoding;
    final int[] length;
    final int[] crc;
    final long[] offset;

    private Index(int n) {
      label = new int[n];
      height = new int[n];
      width = new int[n];
      encoding = new byte[n];
      length = new int[n];
      crc = new int[n];
      offset = new long[n];
    }

    int size() {
      return label.length;
    }

    static Index read(DataInputStream data, String what) throws IOException {
      CRC32 headerCrc = new CRC32();
      byte[] fixed = new byte[12];
      data.readFully(fixed);
      headerCrc.update(fixed);
      ByteBuffer f = ByteBuffer.wrap(fixed);
      int magic = f.getInt();
      if (magic != MAGIC) {
        throw new DatasetException(
            what
                + " does not start with the image-shard magic 'CRIV' (found 0x"
                + Integer.toHexString(magic)
                + "), so it is not an image shard; prepare the dataset again.");
      }
      int version = f.getInt();
      if (version != VERSION) {
        throw new DatasetException(
            what
                + " has format version "
                + version
                + " but this code reads only version "
                + VERSION
                + "; prepare the dataset again.");
      }
      int n = f.getInt();
      if (n < 0 || n > (Integer.MAX_VALUE - 64) / ENTRY_BYTES) {
        throw new DatasetException(what + " declares " + n + " images; prepare the dataset again.");
      }
      byte[] table = new byte[n * ENTRY_BYTES];
      data.readFully(table);
      headerCrc.update(table);
      int stored = data.readInt();
      if (stored != (int) headerCrc.getValue()) {
        throw new DatasetException(
            what + " fails its header CRC-32 check, so it is corrupt; prepare the dataset again.");
      }
      Index index = new Index(n);
      ByteBuffer t = ByteBuffer.wrap(table);
      long position = 12L + table.length + 4;
      for (int i = 0; i < n; i++) {
        index.label[i] = t.getInt();
        index.height[i] = t.getInt();
        index.width[i] = t.getInt();
        index.encoding[i] = t.get();
        index.length[i] = t.getInt();
        index.crc[i] = t.getInt();
        index.offset[i] = position;
        position += index.length[i];
        boolean sane =
            index.label[i] >= 0
                && index.height[i] > 0
                && index.height[i] <= MAX_SIDE
                && index.width[i] > 0
                && index.width[i] <= MAX_SIDE
                && (index.encoding[i] == 0 || index.encoding[i] == 1)
                && index.length[i] >= 0
                && (index.encoding[i] != 0
                    || index.length[i] == index.height[i] * index.width[i] * 3);
        if (!sane) {
          throw new DatasetException(
              what + " has an impossible entry for image " + i + "; prepare the dataset again.");
        }
      }
      return index;
    }

    void check(int i, byte[] payload, String what) {
      CRC32 c = new CRC32();
      c.update(payload);
      if ((int) c.getValue() != crc[i]) {
        throw new DatasetException(
            what
                + " fails the CRC-32 check of image "
                + i
                + ", so it is corrupt; prepare the dataset again.");
      }
    }

    Entry entry(int i, byte[] payload) {
      return new Entry(label[i], height[i], width[i], Encoding.values()[encoding[i]], payload);
    }
  }
}
