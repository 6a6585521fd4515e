package dev.cosinerepro.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.app.stack.EmbeddedS3;
import dev.cosinerepro.app.stack.S3Credentials;
import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.cache.CacheOptions;
import dev.cosinerepro.datasets.cache.ImageCache;
import dev.cosinerepro.datasets.cache.ImageShard;
import dev.cosinerepro.datasets.catalog.Dataset;
import dev.cosinerepro.datasets.catalog.DatasetRegistry;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.S3Settings;
import dev.cosinerepro.storage.StorageException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: a small tmpfs (mounted by the test; skipped where {@code mount} is not allowed)
 * receives a 3 MiB download from the object store, or the image cache of a folder of images kept
 * elsewhere. Either fails with one sentence that names what was written where and "No space left on
 * device", and leaves no partial file behind; with room again the same call succeeds.
 */
class DiskFullTest {
  @TempDir Path home;
  Path mounted;

  @AfterEach
  void unmount() throws Exception {
    if (mounted != null) {
      run("umount", mounted.toString());
    }
  }

  @Test
  void aDownloadOntoAFullDiskFailsInOneSentenceAndKeepsNoPartialFile() throws Exception {
    Path small = Files.createDirectories(home.resolve("small"));
    Assumptions.assumeTrue(
        run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", small.toString()) == 0,
        "mounting a tmpfs needs root: skipped");
    mounted = small;
    S3Credentials keys = new S3Credentials("DISKFULLACCESS", "disk-full-secret-0123");
    byte[] big = new byte[3 << 20];
    new Random(1).nextBytes(big);
    try (EmbeddedS3 s3 = EmbeddedS3.start(home.resolve("s3"), keys, 0);
        ObjectStore store =
            ObjectStore.connect(
                new S3Settings(s3.endpoint(), keys.accessKey(), keys.secretKey(), "repro"))) {
      store.put("datasets/big/v1/cache/shard-0000.bin", big, "application/octet-stream");
      Path target = small.resolve("cache").resolve("shard-0000.bin");
      assertThatThrownBy(() -> store.download("datasets/big/v1/cache/shard-0000.bin", target))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("No space left on device")
          .hasMessageContaining("datasets/big/v1/cache/shard-0000.bin")
          .hasMessageContaining(target.toString())
          .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
      assertThat(target).doesNotExist();
      try (Stream<Path> left = Files.walk(small)) {
        assertThat(left.filter(Files::isRegularFile)).as("no partial file kept").isEmpty();
      }
      // with room again the same download succeeds
      store.put(
          "datasets/big/v1/cache/shard-0000.bin", new byte[1 << 20], "application/octet-stream");
      store.download("datasets/big/v1/cache/shard-0000.bin", target);
      assertThat(Files.size(target)).isEqualTo(1 << 20);
    }
  }

  @Test
  void anImageCacheBuiltOntoAFullDiskFailsInOneSentenceAndKeepsNothingHalfWritten()
      throws Exception {
    Path dataHome = Files.createDirectories(home.resolve("data"));
    Assumptions.assumeTrue(
        run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dataHome.toString()) == 0,
        "mounting a tmpfs needs root: skipped");
    mounted = dataHome;
    // 2 classes x 100 noise images: a raw 64x64 cache of about 2.4 MiB, in shards of 40 images
    Path source = home.resolve("images");
    Random random = new Random(7);
    for (String label : List.of("cats", "dogs")) {
      Files.createDirectories(source.resolve(label));
      for (int i = 0; i < 100; i++) {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
          for (int x = 0; x < 64; x++) {
            image.setRGB(x, y, random.nextInt(1 << 24));
          }
        }
        ImageIO.write(image, "png", source.resolve(label).resolve(i + ".png").toFile());
      }
    }
    Dataset dataset = DatasetRegistry.byName("folder:" + source);
    CacheOptions options =
        CacheOptions.defaults()
            .withSide(64)
            .withEncoding(ImageShard.Encoding.RAW)
            .withShardLimits(40, 1L << 20);
    Path filler = dataHome.resolve("filler.bin");
    Files.write(filler, new byte[3 << 20]);
    Path cache = ImageCache.folder(dataset, dataHome);

    assertThatThrownBy(() -> ImageCache.prepare(dataset, dataHome, false, options))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("Building the image cache of " + dataset.name() + " in " + cache)
        .hasMessageContaining("No space left on device")
        .hasMessageContaining("free space on that disk")
        .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    try (Stream<Path> left = Files.walk(dataHome)) {
      assertThat(left.filter(Files::isRegularFile).filter(file -> !file.equals(filler)))
          .as("no shard, statistics or manifest kept")
          .isEmpty();
    }
    assertThat(ImageCache.open(dataset, dataHome)).as("no cache to trust").isEmpty();

    Files.delete(filler);
    ImageCache built = ImageCache.prepare(dataset, dataHome, false, options);
    assertThat(built.size(Split.TRAIN)).isEqualTo(200);
    assertThat(ImageCache.open(dataset, dataHome)).isPresent();
  }

  private static int run(String... command) throws Exception {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
