package dev.cosinerepro.datasets.catalog;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.image.ImageSet;
import dev.cosinerepro.datasets.io.Checksum;
import dev.cosinerepro.datasets.io.Downloader;
import dev.cosinerepro.datasets.io.Idx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fashion-MNIST (Xiao et al. 2017): 28x28 grey images of 10 clothing classes, 60,000 for training
 * and 10,000 for testing, as four IDX files (raw or gzip).
 *
 * <h2>Trust policy</h2>
 *
 * {@link #locate} accepts a folder only if all four files' decompressed content matches the
 * declared SHA-256 ({@link #FILES}) — the Debian package re-compresses the files, so the gzip bytes
 * differ but the content does not. {@link #load} reads any folder (e.g. one a user prepared) and
 * only validates structure: IDX magic numbers, 28x28 images, equal image and label counts, labels
 * in 0..9. So the official data is always checksum-verified when it is found by {@code locate}, and
 * user folders are still rejected with a clear message if damaged.
 */
public final class FashionMnist {
  private static final Logger LOG = LoggerFactory.getLogger(FashionMnist.class);

  /** Class names, index = label. */
  public static final List<String> CLASS_NAMES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  /** Image side in pixels. */
  public static final int SIDE = 28;

  /** One file of the dataset, without the {@code .gz} suffix, and its content checksum. */
  public record DataFile(String name, Checksum checksum) {}

  /** The four files with the SHA-256 of their decompressed content. */
  public static final List<DataFile> FILES =
      List.of(
          new DataFile(
              "train-images-idx3-ubyte",
              Checksum.sha256OfGunzipped(
                  "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888")),
          new DataFile(
              "train-labels-idx1-ubyte",
              Checksum.sha256OfGunzipped(
                  "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9")),
          new DataFile(
              "t10k-images-idx3-ubyte",
              Checksum.sha256OfGunzipped(
                  "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b")),
          new DataFile(
              "t10k-labels-idx1-ubyte",
              Checksum.sha256OfGunzipped(
                  "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34")));

  /** Where the official {@code .gz} files are served: append {@code <name>.gz}. */
  public static final URI DOWNLOAD_BASE =
      URI.create("https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/");

  /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
  public static final Path SYSTEM_FOLDER = Path.of("/usr/share/datasets/fashion-mnist");

  /** The folder under a data home that this class manages. */
  public static final String SUBFOLDER = "datasets/fashion-mnist";

  /** Where to look and what to expect; the official values, or fakes in tests. */
  record Sources(
      Path systemFolder, URI downloadBase, List<DataFile> files, Supplier<Downloader> downloader) {}

  static final Sources OFFICIAL =
      new Sources(SYSTEM_FOLDER, DOWNLOAD_BASE, FILES, Downloader::create);

  private FashionMnist() {}

  /**
   * Finds a folder holding the four verified files: first {@code dataHome/datasets/fashion-mnist},
   * then Debian's {@link #SYSTEM_FOLDER} ({@code /usr/share/datasets/fashion-mnist}), else, if
   * allowed, downloads the missing files over HTTPS into the first folder and verifies them.
   *
   * @param dataHome the project's data home
   * @param allowDownload whether downloading is allowed
   * @return the folder to pass to {@link #load}
   * @throws DatasetException if no verified copy is found or can be downloaded, saying how to get
   *     one
   */
  public static Path locate(Path dataHome, boolean allowDownload) {
    return locate(dataHome, allowDownload, OFFICIAL);
  }

  static Path locate(Path dataHome, boolean allowDownload, Sources sources) {
    Path own = dataHome.resolve(SUBFOLDER);
    if (verified(own, sources.files())) {
      return own;
    }
    if (verified(sources.systemFolder(), sources.files())) {
      return sources.systemFolder();
    }
    if (allowDownload) {
      Downloader downloader = sources.downloader().get();
      for (DataFile file : sources.files()) {
        Path raw = own.resolve(file.name());
        if (Files.exists(raw) && !file.checksum().matches(raw)) {
          throw new DatasetException(
              raw
                  + " fails its "
                  + file.checksum().describe()
                  + " check; delete it so that "
                  + file.name()
                  + ".gz can be downloaded in its place.");
        }
        if (!file.checksum().matches(raw)) {
          try {
            downloader.fetch(
                sources.downloadBase().resolve(file.name() + ".gz"),
                own.resolve(file.name() + ".gz"),
                file.checksum());
          } catch (DatasetException e) {
            throw new DatasetException(
                withoutFinalStop(e.getMessage())
                    + "; or install it without network with 'apt-get install"
                    + " dataset-fashion-mnist' (Debian), which puts it in "
                    + sources.systemFolder()
                    + ".",
                e);
          }
        }
      }
      return own;
    }
    throw new DatasetException(
        "Fashion-MNIST was not found (verified) in "
            + own
            + " or "
            + sources.systemFolder()
            + "; install it with 'apt-get install dataset-fashion-mnist', put the four files "
            + "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and "
            + "t10k-labels-idx1-ubyte (each raw or .gz) into "
            + own
            + ", or allow downloading.");
  }

  private static String withoutFinalStop(String message) {
    return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
  }

  /** True if every file is present (raw or .gz) with matching content. */
  private static boolean verified(Path folder, List<DataFile> files) {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    for (DataFile file : files) {
      Path path = find(folder, file.name());
      if (path == null) {
        return false;
      }
      if (!file.checksum().matches(path)) {
        LOG.warn("{} does not match its {}; ignoring {}", path, file.checksum().describe(), folder);
        return false;
      }
    }
    return true;
  }

  /** The raw file if present, else the .gz file if present, else null. */
  private static Path find(Path folder, String name) {
    Path raw = folder.resolve(name);
    if (Files.isRegularFile(raw)) {
      return raw;
    }
    Path gz = folder.resolve(name + ".gz");
    return Files.isRegularFile(gz) ? gz : null;
  }

  /**
   * Loads one split from a folder holding the IDX files (raw or {@code .gz}; a raw file wins if
   * both exist). Validates structure, not checksums (see the class comment).
   *
   * @param folder the folder, e.g. from {@link #locate}
   * @param split the split ({@code train-*} or {@code t10k-*} files)
   * @return 28x28x1 images with labels 0..9 and {@link #CLASS_NAMES}
   * @throws DatasetException if a file is missing, a corrupt gzip, has the wrong magic or
   *     dimensions, the counts differ or a label is out of range
   */
  public static ImageSet load(Path folder, Split split) {
    String prefix = split == Split.TRAIN ? "train" : "t10k";
    Path imagesFile = require(folder, prefix + "-images-idx3-ubyte");
    Path labelsFile = require(folder, prefix + "-labels-idx1-ubyte");
    Idx.Images images = Idx.readImages(imagesFile);
    if (images.rows() != SIDE || images.cols() != SIDE) {
      throw new DatasetException(
          imagesFile
              + " holds "
              + images.rows()
              + "x"
              + images.cols()
              + " images but Fashion-MNIST images are 28x28; put the real file there.");
    }
    int[] labels = Idx.readLabels(labelsFile);
    if (labels.length != images.count()) {
      throw new DatasetException(
          labelsFile
              + " holds "
              + labels.length
              + " labels but "
              + imagesFile
              + " holds "
              + images.count()
              + " images; put matching files of the same split there.");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= CLASS_NAMES.size()) {
        throw new DatasetException(
            labelsFile
                + " has label "
                + labels[i]
                + " at position "
                + i
                + " but Fashion-MNIST labels are 0..9; put the real label file there.");
      }
    }
    return ImageSet.wrap(SIDE, SIDE, 1, images.pixels(), labels, CLASS_NAMES);
  }

  private static Path require(Path folder, String name) {
    Path path = find(folder, name);
    if (path == null) {
      throw new DatasetException(
          "Neither "
              + name
              + " nor "
              + name
              + ".gz exists in "
              + folder
              + "; put the Fashion-MNIST IDX files there or use FashionMnist.locate.");
    }
    return path;
  }
}
