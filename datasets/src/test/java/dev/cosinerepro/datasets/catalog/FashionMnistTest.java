package dev.cosinerepro.datasets.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.catalog.FashionMnist.DataFile;
import dev.cosinerepro.datasets.image.ImageSet;
import dev.cosinerepro.datasets.io.Checksum;
import dev.cosinerepro.datasets.io.Downloader;
import dev.cosinerepro.datasets.sampling.Subsets;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FashionMnistTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void loadsBothSplitsGzipOrRaw(boolean gzip) throws IOException {
    FakeIdx.writeDataset(dir, 20, 10, gzip);
    ImageSet train = FashionMnist.load(dir, Split.TRAIN);
    ImageSet test = FashionMnist.load(dir, Split.TEST);
    assertThat(train.size()).isEqualTo(20);
    assertThat(test.size()).isEqualTo(10);
    assertThat(train.height()).isEqualTo(28);
    assertThat(train.width()).isEqualTo(28);
    assertThat(train.channels()).isEqualTo(1);
    assertThat(train.classNames()).isEqualTo(FashionMnist.CLASS_NAMES);
    assertThat(train.classNames().get(0)).isEqualTo("T-shirt/top");
    assertThat(train.classNames().get(9)).isEqualTo("Ankle boot");
    assertThat(train.labels()).isEqualTo(FakeIdx.cyclingLabels(20));
    assertThat(train.image(3)[5]).isEqualTo(FakeIdx.pixel(3, 5));
  }

  @Test
  void corruptGzipIsOneClearSentence() throws IOException {
    FakeIdx.writeDataset(dir, 4, 4, true);
    Path images = dir.resolve("train-images-idx3-ubyte.gz");
    byte[] bytes = Files.readAllBytes(images);
    bytes[bytes.length - 5] ^= 0x55; // damages the gzip CRC/size trailer
    Files.write(images, bytes);
    assertThatThrownBy(() -> FashionMnist.load(dir, Split.TRAIN))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(images.toString())
        .hasMessageContaining("not a valid gzip file");
    Files.write(images, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> FashionMnist.load(dir, Split.TRAIN))
        .hasMessageContaining("not a valid gzip file");
  }

  @Test
  void wrongMagicIsRejected() throws IOException {
    FakeIdx.writeDataset(dir, 4, 4, false);
    // labels where images should be
    Files.copy(
        dir.resolve("train-labels-idx1-ubyte"),
        dir.resolve("train-images-idx3-ubyte"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> FashionMnist.load(dir, Split.TRAIN))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("magic number 2049 instead of 2051");
  }

  @Test
  void labelCountMustMatchImageCount() throws IOException {
    FakeIdx.writeDataset(dir, 4, 4, true);
    FakeIdx.write(
        dir.resolve("t10k-labels-idx1-ubyte.gz"), FakeIdx.labels(2049, new int[] {1, 2, 3}), true);
    assertThatThrownBy(() -> FashionMnist.load(dir, Split.TEST))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("holds 3 labels but")
        .hasMessageContaining("holds 4 images");
  }

  @Test
  void labelOutOfRangeIsRejected() throws IOException {
    FakeIdx.writeDataset(dir, 2, 2, false);
    FakeIdx.write(
        dir.resolve("train-labels-idx1-ubyte"), FakeIdx.labels(2049, new int[] {3, 10}), false);
    assertThatThrownBy(() -> FashionMnist.load(dir, Split.TRAIN))
        .hasMessageContaining("label 10 at position 1");
  }

  @Test
  void truncatedLongAndWrongSizeFilesAreRejected() throws IOException {
    FakeIdx.writeDataset(dir, 3, 3, false);
    Path images = dir.resolve("train-images-idx3-ubyte");
    byte[] bytes = Files.readAllBytes(images);
    Files.write(images, Arrays.copyOf(bytes, bytes.length - 1));
    assertThatThrownBy(() -> FashionMnist.load(dir, Split.TRAIN)).hasMessageContaining("truncated");
    Files.write(images, Arrays.copyOf(bytes, bytes.length + 1));
    assertThatThrownBy(() -> FashionMnist.load(dir, Split.TRAIN))
        .hasMessageContaining("longer than its header");
    FakeIdx.write(images, FakeIdx.images(2051, 3, 27, 28), false);
    assertThatThrownBy(() -> FashionMnist.load(dir, Split.TRAIN)).hasMessageContaining("27x28");
  }

  @Test
  void missingFileSaysWhatToPutWhere() {
    assertThatThrownBy(() -> FashionMnist.load(dir, Split.TEST))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("t10k-images-idx3-ubyte.gz exists in " + dir);
  }

  /** Sources whose checksums are those of the fake files in {@code folder}. */
  private static FashionMnist.Sources fakeSources(Path folder, Path system, URI base) {
    List<DataFile> files = new ArrayList<>();
    for (DataFile real : FashionMnist.FILES) {
      Path path =
          Files.exists(folder.resolve(real.name()))
              ? folder.resolve(real.name())
              : folder.resolve(real.name() + ".gz");
      String hex = Checksum.sha256OfGunzipped("0".repeat(64)).compute(path);
      files.add(new DataFile(real.name(), Checksum.sha256OfGunzipped(hex)));
    }
    return new FashionMnist.Sources(
        system, base, files, () -> Downloader.builder().optProgress(false).build());
  }

  @Test
  void locatePrefersDataHomeThenSystemFolderAndChecksContent() throws IOException {
    Path reference = dir.resolve("reference");
    FakeIdx.writeDataset(reference, 5, 5, true);
    Path system = dir.resolve("system");
    FakeIdx.writeDataset(system, 5, 5, false); // raw files: same content, other bytes
    Path home = dir.resolve("home");
    FashionMnist.Sources sources =
        fakeSources(reference, system, URI.create("https://127.0.0.1:1/"));

    assertThat(FashionMnist.locate(home, false, sources)).isEqualTo(system);

    FakeIdx.writeDataset(home.resolve("datasets/fashion-mnist"), 5, 5, true);
    assertThat(FashionMnist.locate(home, false, sources))
        .isEqualTo(home.resolve("datasets/fashion-mnist"));

    // A damaged system copy is not accepted.
    FakeIdx.writeDataset(system, 6, 5, false);
    Path other = dir.resolve("other");
    assertThatThrownBy(() -> FashionMnist.locate(other, false, sources))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("apt-get install dataset-fashion-mnist")
        .hasMessageContaining(other.resolve("datasets/fashion-mnist").toString());
  }

  @Test
  void locateDownloadsFromServerWhenAllowed() throws IOException {
    Path served = dir.resolve("served");
    FakeIdx.writeDataset(served, 5, 5, true);
    try (LocalServer server = LocalServer.serving(served)) {
      FashionMnist.Sources sources =
          fakeSources(served, dir.resolve("nothing"), server.uri("/fashion/"));
      Path home = dir.resolve("home");
      Path folder = FashionMnist.locate(home, true, sources);
      assertThat(folder).isEqualTo(home.resolve("datasets/fashion-mnist"));
      assertThat(FashionMnist.load(folder, Split.TRAIN).size()).isEqualTo(5);
      int requests = server.requests();
      assertThat(requests).isEqualTo(4);
      FashionMnist.locate(home, true, sources);
      assertThat(server.requests()).isEqualTo(requests);
    }
  }

  @Test
  void aFailedDownloadAlsoNamesTheDebianPackage() throws IOException {
    Path reference = dir.resolve("reference");
    FakeIdx.writeDataset(reference, 5, 5, true);
    Path system = dir.resolve("no-system-copy");
    FashionMnist.Sources offline =
        new FashionMnist.Sources(
            system,
            URI.create("https://127.0.0.1:1/"),
            fakeSources(reference, system, URI.create("https://127.0.0.1:1/")).files(),
            () ->
                Downloader.builder()
                    .optProgress(false)
                    .optMaxAttempts(1)
                    .optConnectTimeout(java.time.Duration.ofSeconds(2))
                    .build());
    Path home = dir.resolve("home");
    assertThatThrownBy(() -> FashionMnist.locate(home, true, offline))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("Downloading https://127.0.0.1:1/")
        .hasMessageContaining("apt-get install dataset-fashion-mnist")
        .hasMessageContaining(system.toString());
    assertThat(home.resolve("datasets/fashion-mnist/train-images-idx3-ubyte.gz")).doesNotExist();
  }

  @Test
  void realDataIfInstalled() {
    assumeTrue(
        Files.isDirectory(FashionMnist.SYSTEM_FOLDER), "dataset-fashion-mnist not installed");
    Path folder = FashionMnist.locate(Path.of("/nonexistent-data-home"), false);
    assertThat(folder).isEqualTo(FashionMnist.SYSTEM_FOLDER);
    ImageSet train = FashionMnist.load(folder, Split.TRAIN);
    ImageSet test = FashionMnist.load(folder, Split.TEST);
    assertThat(train.size()).isEqualTo(60_000);
    assertThat(test.size()).isEqualTo(10_000);
    int[] counts = new int[10];
    for (int label : test.labels()) {
      counts[label]++;
    }
    assertThat(counts).containsOnly(1000);
    int[] subset = Subsets.perClass(train, 5, 1);
    assertThat(subset).hasSize(50);
  }
}
