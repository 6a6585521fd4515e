package dev.cosinerepro.app.e2e;

import dev.cosinerepro.activities.data.DatasetCatalog;
import dev.cosinerepro.datasets.catalog.FashionMnist;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Makes Fashion-MNIST available to a test: the real files when the Debian package is installed,
 * otherwise a small learnable stand-in in the real IDX layout (gzip) written into the data folder.
 */
final class FashionMnistFixture {
  static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

  private FashionMnistFixture() {}

  /** Whether the real dataset is installed. */
  /**
   * The worker's dataset catalog for a test: the standard one (no downloads) when the real files
   * are installed, else one reading the stand-in that {@link #ensure} wrote.
   */
  static DatasetCatalog catalog(Path home) {
    return realDataInstalled()
        ? DatasetCatalog.standard(home, false)
        : DatasetCatalog.of(
            Map.of(
                "fashion-mnist",
                split ->
                    FashionMnist.load(home.resolve("datasets").resolve("fashion-mnist"), split)));
  }

  static boolean realDataInstalled() {
    return Files.isRegularFile(DEBIAN.resolve("t10k-labels-idx1-ubyte.gz"));
  }

  /**
   * Writes a stand-in into {@code dataHome/datasets/fashion-mnist} unless the real data is
   * installed: each class is a bright horizontal band at its own height plus noise, so a network
   * can learn it.
   */
  static void ensure(Path dataHome) throws IOException {
    if (realDataInstalled()) {
      return;
    }
    writeStandIn(dataHome);
  }

  /** Writes the stand-in into {@code dataHome/datasets/fashion-mnist}, real data or not. */
  static void writeStandIn(Path dataHome) throws IOException {
    Path folder = dataHome.resolve("datasets").resolve("fashion-mnist");
    Files.createDirectories(folder);
    write(folder, "train", 600, 1);
    write(folder, "t10k", 200, 2);
  }

  private static void write(Path folder, String prefix, int count, long seed) throws IOException {
    Random random = new Random(seed);
    byte[] labels = new byte[count];
    byte[] pixels = new byte[count * 28 * 28];
    for (int i = 0; i < count; i++) {
      int label = i % 10;
      labels[i] = (byte) label;
      for (int y = 0; y < 28; y++) {
        for (int x = 0; x < 28; x++) {
          int value = random.nextInt(60);
          if (y / 3 == label % 9 && (label < 9 || x < 14)) {
            value += 180;
          }
          pixels[i * 784 + y * 28 + x] = (byte) Math.min(255, value);
        }
      }
    }
    try (DataOutputStream out = gzip(folder.resolve(prefix + "-images-idx3-ubyte.gz"))) {
      out.writeInt(2051);
      out.writeInt(count);
      out.writeInt(28);
      out.writeInt(28);
      out.write(pixels);
    }
    try (DataOutputStream out = gzip(folder.resolve(prefix + "-labels-idx1-ubyte.gz"))) {
      out.writeInt(2049);
      out.writeInt(count);
      out.write(labels);
    }
  }

  private static DataOutputStream gzip(Path file) throws IOException {
    OutputStream raw = Files.newOutputStream(file);
    return new DataOutputStream(new GZIPOutputStream(raw));
  }
}
