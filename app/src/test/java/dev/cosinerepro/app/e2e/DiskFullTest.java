package dev.cosinerepro.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.app.stack.EmbeddedS3;
import dev.cosinerepro.app.stack.S3Credentials;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.S3Settings;
import dev.cosinerepro.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: a 2 MiB tmpfs (mounted by the test; skipped where {@code mount} is not allowed)
 * receives a 3 MiB download from the object store. The download fails with one sentence that names
 * the object, the file and "No space left on device", and leaves no partial file behind.
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
