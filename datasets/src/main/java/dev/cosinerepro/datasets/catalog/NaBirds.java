package dev.cosinerepro.datasets.catalog;

import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.io.Checksum;
import dev.cosinerepro.datasets.io.Downloader;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * NABirds (Cornell Lab of Ornithology): 555 leaf classes, 23,929 training and 24,633 test images,
 * in the CUB layout plus a class hierarchy ({@code hierarchy.txt}). The archive sits behind a
 * terms-of-use form, so the user supplies {@code nabirds.tar.gz}; its MD5 is a third-party value.
 */
public final class NaBirds extends DeclaredDataset implements FileDataset {
  /** Registry name. */
  public static final String NAME = "nabirds";

  /** The user-supplied archive and its (third-party) MD5. */
  public static final List<DatasetFile> FILES =
      List.of(
          DatasetFile.userSupplied(
              "nabirds.tar.gz", Checksum.md5("df21a9e4db349a14e2b08adfd45873bd"), true));

  /** The official dataset. */
  public NaBirds() {
    this(FILES, Downloader::create);
  }

  NaBirds(List<DatasetFile> files, Supplier<Downloader> downloader) {
    super(
        NAME,
        "accept the terms at https://dl.allaboutbirds.org/nabirds and download nabirds.tar.gz"
            + " (the expected MD5 is a third-party value)",
        files,
        new DatasetFacts(NAME, 555, 23929, 24633, 3, 0, true, 0),
        downloader);
  }

  /** The folder holding {@code images.txt}, {@code classes.txt} and {@code hierarchy.txt}. */
  public static Path base(Path root) {
    return DataFolder.extracted(root, "nabirds.tar.gz").resolve("nabirds");
  }

  @Override
  public ImageFileList index(Path root, Split split) {
    ImageFileList list = CubStyleLayout.index(base(root), split);
    checkSize(split, list.size(), root);
    return list;
  }
}
