package dev.cosinerepro.datasets.catalog;

import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.io.Checksum;
import dev.cosinerepro.datasets.io.Downloader;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Caltech-UCSD Birds-200-2011: 200 classes, 5,994 training and 5,794 test images, split by {@code
 * train_test_split.txt}. Downloaded from the Caltech data repository (record 65de6-vp158).
 */
public final class Cub200 extends DeclaredDataset implements FileDataset {
  /** Registry name. */
  public static final String NAME = "cub200";

  /** The archive, its source and MD5. */
  public static final List<DatasetFile> FILES =
      List.of(
          DatasetFile.download(
              "CUB_200_2011.tgz",
              "https://data.caltech.edu/records/65de6-vp158/files/CUB_200_2011.tgz?download=1",
              Checksum.md5("97eceeb196236b17998738112f37df78"),
              true));

  /** The official dataset. */
  public Cub200() {
    this(FILES, Downloader::create);
  }

  Cub200(List<DatasetFile> files, Supplier<Downloader> downloader) {
    super(
        NAME,
        "download CUB_200_2011.tgz from https://data.caltech.edu/records/65de6-vp158",
        files,
        new DatasetFacts(NAME, 200, 5994, 5794, 3, 0, false, 29),
        downloader);
  }

  @Override
  public ImageFileList index(Path root, Split split) {
    Path base = DataFolder.extracted(root, "CUB_200_2011.tgz").resolve("CUB_200_2011");
    ImageFileList list = CubStyleLayout.index(base, split);
    checkSize(split, list.size(), root);
    return list;
  }
}
