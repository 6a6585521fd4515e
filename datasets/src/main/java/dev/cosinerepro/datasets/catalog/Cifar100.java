package dev.cosinerepro.datasets.catalog;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.image.ImageSet;
import dev.cosinerepro.datasets.io.Checksum;
import dev.cosinerepro.datasets.io.Downloader;
import dev.cosinerepro.datasets.io.TextTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * CIFAR-100, binary version: 100 fine classes, 50,000 training and 10,000 test 32x32 RGB images.
 * Each record of {@code train.bin}/{@code test.bin} is a coarse label byte, a fine label byte and
 * 3,072 pixel bytes (red plane, green plane, blue plane), converted here to HWC; class names are
 * the lines of {@code fine_label_names.txt}. Labels are 0-based on disk.
 */
public final class Cifar100 extends DeclaredDataset implements ArrayDataset {
  /** Registry name. */
  public static final String NAME = "cifar100";

  /** Image side in pixels. */
  public static final int SIDE = 32;

  private static final int RECORD = 2 + 3 * SIDE * SIDE;

  /** The binary archive from Toronto and its MD5. */
  public static final List<DatasetFile> FILES =
      List.of(
          DatasetFile.download(
              "cifar-100-binary.tar.gz",
              "https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz",
              Checksum.md5("03b5dce01913d631647c71ecec9e9cb8"),
              true));

  /** The official dataset. */
  public Cifar100() {
    this(FILES, Downloader::create);
  }

  Cifar100(List<DatasetFile> files, Supplier<Downloader> downloader) {
    super(
        NAME,
        "download https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz",
        files,
        new DatasetFacts(NAME, 100, 50000, 10000, 3, 32, false, 500),
        downloader);
  }

  @Override
  public ImageSet load(Path root, Split split) {
    Path base = DataFolder.extracted(root, "cifar-100-binary.tar.gz").resolve("cifar-100-binary");
    Path namesFile = base.resolve("fine_label_names.txt");
    List<String> names = TextTables.lines(namesFile);
    Path file = base.resolve(split == Split.TRAIN ? "train.bin" : "test.bin");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DatasetException(
          file + " does not exist; extract cifar-100-binary.tar.gz again.", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + file + " failed", e);
    }
    if (bytes.length == 0 || bytes.length % RECORD != 0) {
      throw new DatasetException(
          file
              + " has "
              + bytes.length
              + " bytes, not a whole number of "
              + RECORD
              + "-byte records; replace it with an intact copy.");
    }
    int n = bytes.length / RECORD;
    int plane = SIDE * SIDE;
    byte[] pixels = new byte[n * 3 * plane];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int record = i * RECORD;
      labels[i] = bytes[record + 1] & 0xff;
      if (labels[i] >= names.size()) {
        throw new DatasetException(
            file
                + " record "
                + i
                + " has fine label "
                + labels[i]
                + " but "
                + namesFile
                + " names only "
                + names.size()
                + " classes; replace the files with intact copies.");
      }
      int src = record + 2;
      int dst = i * 3 * plane;
      for (int p = 0; p < plane; p++) {
        pixels[dst + 3 * p] = bytes[src + p];
        pixels[dst + 3 * p + 1] = bytes[src + plane + p];
        pixels[dst + 3 * p + 2] = bytes[src + 2 * plane + p];
      }
    }
    checkSize(split, n, root);
    return ImageSet.wrap(SIDE, SIDE, 3, pixels, labels, names);
  }
}
