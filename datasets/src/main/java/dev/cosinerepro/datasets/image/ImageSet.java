package dev.cosinerepro.datasets.image;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * An immutable in-memory image set: {@code size()} images of {@code height x width x channels}
 * uint8 pixels, each image stored HWC (row-major, channels interleaved) and the images stored one
 * after the other; labels are 0-based class ids into {@link #classNames()}.
 *
 * <h2>Shard format ({@link #write}, {@link #read})</h2>
 *
 * Big-endian: magic {@code "CRIS"} ({@code 0x43524953}), version {@code 1}, then the ints size,
 * height, width, channels, number of classes; each class name as an int byte length and UTF-8
 * bytes; {@code size} labels as ints; {@code size * height * width * channels} pixel bytes; and
 * finally the CRC-32 of everything before it, as an int.
 */
public final class ImageSet implements SampleSource {
  /** {@code "CRIS"} in ASCII. */
  static final int MAGIC = 0x43524953;

  static final int VERSION = 1;
  private static final int MAX_CLASSES = 1 << 20;
  private static final int MAX_NAME_BYTES = 1 << 16;

  private final int height;
  private final int width;
  private final int channels;
  private final byte[] pixels;
  private final int[] labels;
  private final List<String> classNames;

  private ImageSet(
      int height, int width, int channels, byte[] pixels, int[] labels, List<String> classNames) {
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.pixels = pixels;
    this.labels = labels;
    this.classNames = classNames;
  }

  /**
   * Creates an image set from copies of the given arrays.
   *
   * @param height image height in pixels, positive
   * @param width image width in pixels, positive
   * @param channels channels per pixel, positive (1 grey, 3 RGB)
   * @param pixels {@code labels.length * height * width * channels} bytes, images HWC one after the
   *     other
   * @param labels 0-based class ids, each below {@code classNames.size()}
   * @param classNames distinct, non-blank class names, index = class id
   * @return the image set
   * @throws DatasetException if the sizes do not agree or a label is out of range
   */
  public static ImageSet create(
      int height, int width, int channels, byte[] pixels, int[] labels, List<String> classNames) {
    return wrap(height, width, channels, pixels.clone(), labels.clone(), classNames);
  }

  /** Like {@link #create} but takes ownership of the arrays instead of copying them. */
  public static ImageSet wrap(
      int height, int width, int channels, byte[] pixels, int[] labels, List<String> classNames) {
    if (height <= 0 || width <= 0 || channels <= 0) {
      throw new DatasetException(
          "Image dimensions "
              + height
              + "x"
              + width
              + "x"
              + channels
              + " are invalid; height, width and channels must be positive.");
    }
    List<String> names = List.copyOf(classNames);
    checkClassNames(names);
    long expected = (long) labels.length * height * width * channels;
    if (pixels.length != expected) {
      throw new DatasetException(
          "The pixel array holds "
              + pixels.length
              + " bytes but "
              + labels.length
              + " images of "
              + height
              + "x"
              + width
              + "x"
              + channels
              + " need "
              + expected
              + "; pass one HWC image per label.");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= names.size()) {
        throw new DatasetException(
            "Label "
                + labels[i]
                + " of image "
                + i
                + " is outside 0.."
                + (names.size() - 1)
                + "; labels must be 0-based ids of the "
                + names.size()
                + " class names.");
      }
    }
    return new ImageSet(height, width, channels, pixels, labels, names);
  }

  private static void checkClassNames(List<String> names) {
    if (names.isEmpty()) {
      throw new DatasetException(
          "The class-name list is empty; an image set needs one name per class.");
    }
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (name.isBlank() || !seen.add(name)) {
        throw new DatasetException(
            "Class name '" + name + "' is blank or repeated; give every class a distinct name.");
      }
    }
  }

  /** Number of images. */
  public int size() {
    return labels.length;
  }

  /** Image height in pixels. */
  public int height() {
    return height;
  }

  /** Image width in pixels. */
  public int width() {
    return width;
  }

  /** Channels per pixel (1 grey, 3 RGB). */
  public int channels() {
    return channels;
  }

  /** Bytes per image: {@code height * width * channels}. */
  public int imageBytes() {
    return height * width * channels;
  }

  /** Number of classes (the length of {@link #classNames()}), which may exceed the labels used. */
  public int numClasses() {
    return classNames.size();
  }

  /** Class names, index = class id; unmodifiable. */
  public List<String> classNames() {
    return classNames;
  }

  /**
   * The 0-based label of one image.
   *
   * @param index image index in {@code [0, size())}
   * @return the class id
   */
  @Override
  public int label(int index) {
    return labels[index];
  }

  /** A view of one image inside the set's pixel array (not a copy): do not modify it. */
  @Override
  public Pixels pixels(int index) {
    return new Pixels(height, width, channels, pixels, checkIndex(index) * imageBytes());
  }

  /** A copy of all labels. */
  public int[] labels() {
    return labels.clone();
  }

  /**
   * A copy of one image's pixels, HWC.
   *
   * @param index image index in {@code [0, size())}
   * @return {@link #imageBytes()} bytes
   */
  public byte[] image(int index) {
    byte[] out = new byte[imageBytes()];
    copyImage(index, out, 0);
    return out;
  }

  /** Copies one image's HWC pixels into {@code dest} at {@code offset}. */
  void copyImage(int index, byte[] dest, int offset) {
    System.arraycopy(pixels, checkIndex(index) * imageBytes(), dest, offset, imageBytes());
  }

  /** The backing pixel array, images one after the other; callers must not modify it. */
  public byte[] pixelsUnsafe() {
    return pixels;
  }

  private int checkIndex(int index) {
    if (index < 0 || index >= labels.length) {
      throw new IndexOutOfBoundsException(
          "Image index " + index + " is outside 0.." + (labels.length - 1));
    }
    return index;
  }

  /**
   * The images at the given indices, in the given order (repeats allowed), with the same class
   * names.
   *
   * @param indices image indices in {@code [0, size())}
   * @return a new image set
   */
  public ImageSet select(int[] indices) {
    int bytes = imageBytes();
    byte[] outPixels = new byte[Math.multiplyExact(indices.length, bytes)];
    int[] outLabels = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      copyImage(indices[i], outPixels, i * bytes);
      outLabels[i] = labels[indices[i]];
    }
    return new ImageSet(height, width, channels, outPixels, outLabels, classNames);
  }

  /**
   * Writes the set in the shard format described on the class.
   *
   * @param out the stream; flushed, not closed
   * @throws IOException if writing fails
   */
  public void write(OutputStream out) throws IOException {
    CRC32 crc = new CRC32();
    DataOutputStream data =
        new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(out, 1 << 16), crc));
    data.writeInt(MAGIC);
    data.writeInt(VERSION);
    data.writeInt(size());
    data.writeInt(height);
    data.writeInt(width);
    data.writeInt(channels);
    data.writeInt(classNames.size());
    for (String name : classNames) {
      byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
      data.writeInt(utf8.length);
      data.write(utf8);
    }
    ByteBuffer labelBytes = ByteBuffer.allocate(labels.length * 4);
    labelBytes.asIntBuffer().put(labels);
    data.write(labelBytes.array());
    data.write(pixels);
    data.flush();
    int checksum = (int) crc.getValue();
    data.writeInt(checksum);
    data.flush();
  }

  /**
   * Writes the set to a file atomically (a temporary file beside it, then a rename), so a crash
   * never leaves a half-written shard at {@code file}.
   *
   * @param file the shard file; its folder is created if missing
   * @throws IOException if writing fails
   */
  public void write(Path file) throws IOException {
    AtomicFiles.write(file, this::write);
  }

  /**
   * Reads a set written by {@link #write(OutputStream)}, checking magic, version, dimensions, class
   * names, label range and the CRC-32. Stops right after the checksum.
   *
   * @param in the stream; not closed
   * @return the image set
   * @throws DatasetException if the stream is not a shard, is truncated or is corrupt
   * @throws IOException if reading fails
   */
  public static ImageSet read(InputStream in) throws IOException {
    return read(in, "The image-set stream");
  }

  /**
   * Reads a shard file written by {@link #write(Path)}.
   *
   * @param file the shard file
   * @return the image set
   * @throws DatasetException if the file is missing, not a shard, truncated or corrupt
   * @throws IOException if reading fails
   */
  public static ImageSet read(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return read(in, "Image-set shard " + file);
    } catch (NoSuchFileException e) {
      throw new DatasetException(
          "Image-set shard " + file + " does not exist; create it with ImageSet.write first.", e);
    }
  }

  private static ImageSet read(InputStream in, String what) throws IOException {
    CRC32 crc = new CRC32();
    DataInputStream data = new DataInputStream(new CheckedInputStream(in, crc));
    String redo = "; re-create it from the original dataset.";
    try {
      int magic = data.readInt();
      if (magic != MAGIC) {
        throw new DatasetException(
            what
                + " does not start with the image-set magic 'CRIS' (found 0x"
                + Integer.toHexString(magic)
                + "), so it is not an image-set shard"
                + redo);
      }
      int version = data.readInt();
      if (version != VERSION) {
        throw new DatasetException(
            what
                + " has format version "
                + version
                + " but this code reads only version "
                + VERSION
                + redo);
      }
      int size = data.readInt();
      int height = data.readInt();
      int width = data.readInt();
      int channels = data.readInt();
      int numClasses = data.readInt();
      long pixelCount = (long) size * height * width * channels;
      if (size < 0
          || size > (Integer.MAX_VALUE - 16) / 4
          || height <= 0
          || width <= 0
          || channels <= 0
          || pixelCount > Integer.MAX_VALUE - 16) {
        throw new DatasetException(
            what
                + " declares impossible dimensions "
                + size
                + " x "
                + height
                + "x"
                + width
                + "x"
                + channels
                + redo);
      }
      if (numClasses <= 0 || numClasses > MAX_CLASSES) {
        throw new DatasetException(what + " declares " + numClasses + " classes" + redo);
      }
      List<String> names = new ArrayList<>(Math.min(numClasses, 4096));
      for (int i = 0; i < numClasses; i++) {
        int length = data.readInt();
        if (length <= 0 || length > MAX_NAME_BYTES) {
          throw new DatasetException(
              what + " has a class name of impossible length " + length + redo);
        }
        byte[] utf8 = new byte[length];
        data.readFully(utf8);
        names.add(new String(utf8, StandardCharsets.UTF_8));
      }
      byte[] labelBytes = new byte[size * 4];
      data.readFully(labelBytes);
      int[] labels = new int[size];
      ByteBuffer.wrap(labelBytes).asIntBuffer().get(labels);
      byte[] pixels = new byte[(int) pixelCount];
      data.readFully(pixels);
      int computed = (int) crc.getValue();
      int stored = data.readInt();
      if (computed != stored) {
        throw new DatasetException(what + " fails its CRC-32 check, so it is corrupt" + redo);
      }
      try {
        return wrap(height, width, channels, pixels, labels, names);
      } catch (DatasetException e) {
        throw new DatasetException(
            what + " is inconsistent (" + stripPeriod(e.getMessage()) + ")" + redo, e);
      }
    } catch (EOFException e) {
      throw new DatasetException(what + " is truncated" + redo, e);
    }
  }

  private static String stripPeriod(String message) {
    return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
  }

  @Override
  public String toString() {
    return "ImageSet["
        + size()
        + " images "
        + height
        + "x"
        + width
        + "x"
        + channels
        + ", "
        + numClasses()
        + " classes]";
  }
}
