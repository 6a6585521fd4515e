package dev.cosinerepro.datasets.catalog;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.io.Checksum;
import dev.cosinerepro.datasets.io.Downloader;
import dev.cosinerepro.datasets.io.MatFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import us.hebi.matlab.mat.format.Mat5File;

/**
 * Oxford Flowers-102: 102 classes; as in the paper, training uses {@code trnid} plus {@code valid}
 * (2,040 images) and testing {@code tstid} (6,149). Labels ({@code imagelabels.mat}) and image ids
 * ({@code setid.mat}) are 1-based; image {@code k} is {@code jpg/image_%05d.jpg}.
 */
public final class Flowers102 extends DeclaredDataset implements FileDataset {
  /** Registry name. */
  public static final String NAME = "flowers102";

  /** Number of classes. */
  public static final int NUM_CLASSES = 102;

  private static final String BASE = "https://www.robots.ox.ac.uk/~vgg/data/flowers/102/";

  /** The three files from Oxford VGG and their MD5s. */
  public static final List<DatasetFile> FILES =
      List.of(
          DatasetFile.download(
              "102flowers.tgz",
              BASE + "102flowers.tgz",
              Checksum.md5("52808999861908f626f3c1f4e79d11fa"),
              true),
          DatasetFile.download(
              "imagelabels.mat",
              BASE + "imagelabels.mat",
              Checksum.md5("e0620be6f572b9609742df49c70aed4d"),
              false),
          DatasetFile.download(
              "setid.mat",
              BASE + "setid.mat",
              Checksum.md5("a5357ecc9cb78c4bef273ce3793fc85c"),
              false));

  /** The official dataset. */
  public Flowers102() {
    this(FILES, Downloader::create);
  }

  Flowers102(List<DatasetFile> files, Supplier<Downloader> downloader) {
    super(
        NAME,
        "download the files from https://www.robots.ox.ac.uk/~vgg/data/flowers/102/",
        files,
        new DatasetFacts(NAME, 102, 2040, 6149, 3, 0, false, 20),
        downloader);
  }

  @Override
  public ImageFileList index(Path root, Split split) {
    Path labelsFile = root.resolve("imagelabels.mat");
    int[] labels = MatFiles.integers(MatFiles.read(labelsFile), "labels", labelsFile);
    Path setFile = root.resolve("setid.mat");
    Mat5File sets = MatFiles.read(setFile);
    List<Integer> ids = new ArrayList<>();
    for (String variable : split == Split.TRAIN ? List.of("trnid", "valid") : List.of("tstid")) {
      for (int id : MatFiles.integers(sets, variable, setFile)) {
        ids.add(id);
      }
    }
    ids.sort(null);
    Path jpg = DataFolder.extracted(root, "102flowers.tgz").resolve("jpg");
    List<String> classNames = new ArrayList<>(NUM_CLASSES);
    for (int c = 1; c <= NUM_CLASSES; c++) {
      classNames.add(String.format("class_%03d", c));
    }
    List<Path> files = new ArrayList<>(ids.size());
    int[] out = new int[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      int id = ids.get(i);
      if (id < 1 || id > labels.length || (i > 0 && ids.get(i - 1) == id)) {
        throw new DatasetException(
            setFile
                + " lists image "
                + id
                + ", which is repeated or outside 1.."
                + labels.length
                + " of "
                + labelsFile
                + "; replace both files with intact copies.");
      }
      Path file = jpg.resolve(String.format("image_%05d.jpg", id));
      if (!Files.isRegularFile(file)) {
        throw new DatasetException(
            "Image "
                + file
                + " listed in "
                + setFile
                + " is missing; extract 102flowers.tgz again.");
      }
      files.add(file);
      out[i] = Labels.fromOneBased(labels[id - 1], NUM_CLASSES, labelsFile + " image " + id);
    }
    ImageFileList list = ImageFileList.create(files, out, classNames);
    checkSize(split, list.size(), root);
    return list;
  }
}
