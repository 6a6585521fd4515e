package dev.cosinerepro.datasets.catalog;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.io.ArchiveExtractor;
import dev.cosinerepro.datasets.io.Downloader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The shared download/verify/extract step of every declared dataset: under {@code
 * dataHome/datasets/<dataset>/} each declared file is checked against its checksum (downloaded
 * first if it has a source and downloading is allowed), and each archive is extracted into {@code
 * extracted/<file name>/}. An existing extraction folder is complete by construction (it appears
 * only by an atomic rename after a verified archive was fully extracted), so it is used without
 * re-reading the archive, which may then be deleted to save space. A {@link DatasetMirror} (tests
 * and rehearsals on generated fixtures) stands in for the official hosts and checksums.
 */
final class DataFolder {
  private DataFolder() {}

  /** The folder of a dataset's extracted archive. */
  static Path extracted(Path root, String archiveName) {
    return root.resolve("extracted").resolve(archiveName);
  }

  static Path prepare(
      String dataset,
      String howToObtain,
      List<DatasetFile> files,
      Path dataHome,
      boolean allowDownload,
      Supplier<Downloader> downloader) {
    Path root = dataHome.resolve("datasets").resolve(dataset);
    Optional<DatasetMirror> mirror = DatasetMirror.fromSystem();
    for (DatasetFile declared : files) {
      DatasetFile file = mirror.map(m -> m.apply(dataset, declared)).orElse(declared);
      Path path = root.resolve(file.name());
      if (file.extract() && Files.isDirectory(extracted(root, file.name()))) {
        continue;
      }
      if (!Files.exists(path)) {
        if (file.source().isPresent() && allowDownload) {
          downloader.get().fetch(file.source().get(), path, file.checksum());
        } else if (file.source().isPresent()) {
          throw new DatasetException(
              dataset
                  + " needs "
                  + path
                  + " ("
                  + file.checksum().describe()
                  + " "
                  + file.checksum().hex()
                  + "); allow downloading or download "
                  + file.source().get()
                  + " and put it there.");
        } else {
          throw new DatasetException(
              dataset
                  + " needs "
                  + path
                  + " ("
                  + file.checksum().describe()
                  + " "
                  + file.checksum().hex()
                  + "), which cannot be downloaded automatically; "
                  + howToObtain
                  + ", and put it there.");
        }
      } else {
        file.checksum().verify(path);
      }
      if (file.extract()) {
        Path target = extracted(root, file.name());
        ArchiveExtractor.extract(path, target);
      }
    }
    return root;
  }
}
