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
import us.hebi.matlab.mat.types.Struct;

/**
 * Stanford Cars: 196 classes, 8,144 training and 8,041 test images. The original host is gone, so
 * the user supplies the four files, checked by MD5. Class names come from {@code
 * devkit/cars_meta.mat}, training labels from {@code devkit/cars_train_annos.mat} and test labels
 * from {@code cars_test_annos_withlabels.mat} (1-based {@code class} fields).
 */
public final class StanfordCars extends DeclaredDataset implements FileDataset {
  /** Registry name. */
  public static final String NAME = "cars";

  /** The four user-supplied files and their MD5s. */
  public static final List<DatasetFile> FILES =
      List.of(
          DatasetFile.userSupplied(
              "car_devkit.tgz", Checksum.md5("c3b158d763b6e2245038c8ad08e45376"), true),
          DatasetFile.userSupplied(
              "cars_train.tgz", Checksum.md5("065e5b463ae28d29e77c1b4b166cfe61"), true),
          DatasetFile.userSupplied(
              "cars_test.tgz", Checksum.md5("4ce7ebf6a94d07f1952d94dd34c4d501"), true),
          DatasetFile.userSupplied(
              "cars_test_annos_withlabels.mat",
              Checksum.md5("b0a2b23655a3edd16d84508592a98d10"),
              false));

  /** The official dataset. */
  public StanfordCars() {
    this(FILES, Downloader::create);
  }

  StanfordCars(List<DatasetFile> files, Supplier<Downloader> downloader) {
    super(
        NAME,
        "the original host is gone, so get the file from a mirror you trust (it is checked by"
            + " MD5)",
        files,
        new DatasetFacts(NAME, 196, 8144, 8041, 3, 0, true, 0),
        downloader);
  }

  @Override
  public ImageFileList index(Path root, Split split) {
    Path devkit = DataFolder.extracted(root, "car_devkit.tgz").resolve("devkit");
    Path metaFile = devkit.resolve("cars_meta.mat");
    List<String> classNames = MatFiles.strings(MatFiles.read(metaFile), "class_names", metaFile);
    Path annotations;
    Path images;
    if (split == Split.TRAIN) {
      annotations = devkit.resolve("cars_train_annos.mat");
      images = DataFolder.extracted(root, "cars_train.tgz").resolve("cars_train");
    } else {
      annotations = root.resolve("cars_test_annos_withlabels.mat");
      images = DataFolder.extracted(root, "cars_test.tgz").resolve("cars_test");
    }
    Mat5File mat = MatFiles.read(annotations);
    Struct annos = MatFiles.struct(mat, "annotations", annotations, "class", "fname");
    int n = annos.getNumElements();
    List<Path> files = new ArrayList<>(n);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      String name = MatFiles.text(annos, "fname", i, annotations);
      Path file = images.resolve(name).normalize();
      if (!file.startsWith(images) || !Files.isRegularFile(file)) {
        throw new DatasetException(
            "Image "
                + file
                + " listed in "
                + annotations
                + " is missing; extract the image archive again.");
      }
      files.add(file);
      labels[i] =
          Labels.fromOneBased(
              MatFiles.integer(annos, "class", i, annotations),
              classNames.size(),
              annotations + " entry " + (i + 1));
    }
    ImageFileList list = ImageFileList.create(files, labels, classNames);
    checkSize(split, list.size(), root);
    return list;
  }
}
