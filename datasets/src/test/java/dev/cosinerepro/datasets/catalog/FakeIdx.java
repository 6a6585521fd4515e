package dev.cosinerepro.datasets.catalog;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes tiny IDX files in the real Fashion-MNIST layout. */
final class FakeIdx {
  private FakeIdx() {}

  /** Pixel value of image i at byte p: distinct per image and position. */
  static byte pixel(int image, int p) {
    return (byte) (image * 7 + p * 3);
  }

  static byte[] images(int magic, int count, int rows, int cols) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    out.writeInt(count);
    out.writeInt(rows);
    out.writeInt(cols);
    for (int i = 0; i < count; i++) {
      for (int p = 0; p < rows * cols; p++) {
        out.writeByte(pixel(i, p));
      }
    }
    return bytes.toByteArray();
  }

  static byte[] labels(int magic, int[] labels) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    out.writeInt(labels.length);
    for (int label : labels) {
      out.writeByte(label);
    }
    return bytes.toByteArray();
  }

  static void write(Path file, byte[] content, boolean gzip) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out =
        gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      out.write(content);
    }
  }

  /** Labels 0..9 cycling. */
  static int[] cyclingLabels(int count) {
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = i % 10;
    }
    return labels;
  }

  /** Writes all four files: {@code trainCount} and {@code testCount} 28x28 images. */
  static void writeDataset(Path folder, int trainCount, int testCount, boolean gzip)
      throws IOException {
    String suffix = gzip ? ".gz" : "";
    write(
        folder.resolve("train-images-idx3-ubyte" + suffix), images(2051, trainCount, 28, 28), gzip);
    write(
        folder.resolve("train-labels-idx1-ubyte" + suffix),
        labels(2049, cyclingLabels(trainCount)),
        gzip);
    write(folder.resolve("t10k-images-idx3-ubyte" + suffix), images(2051, testCount, 28, 28), gzip);
    write(
        folder.resolve("t10k-labels-idx1-ubyte" + suffix),
        labels(2049, cyclingLabels(testCount)),
        gzip);
  }
}
