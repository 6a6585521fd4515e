package dev.cosinerepro.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.catalog.LocalServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
  @TempDir Path dir;
  private LocalServer server;
  private final byte[] content = new byte[300_000];
  private final Downloader downloader =
      Downloader.builder().optProgress(false).optInitialBackoff(Duration.ofMillis(1)).build();

  @BeforeEach
  void start() throws IOException {
    new Random(42).nextBytes(content);
    server = LocalServer.start();
    server.put("/data.bin", content);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Checksum sha256(byte[] bytes) throws Exception {
    return Checksum.sha256(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
  }

  @Test
  void downloadsVerifiesAndNeverFetchesAVerifiedFileAgain() throws Exception {
    Path target = dir.resolve("sub/data.bin");
    assertThat(downloader.fetch(server.uri("/data.bin"), target, sha256(content)))
        .isEqualTo(target);
    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    assertThat(Files.exists(dir.resolve("sub/data.bin.part"))).isFalse();
    downloader.fetch(server.uri("/data.bin"), target, sha256(content));
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void md5IsSupported() throws Exception {
    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    Path target = dir.resolve("data.bin");
    downloader.fetch(server.uri("/data.bin"), target, Checksum.md5(md5));
    assertThat(Files.readAllBytes(target)).isEqualTo(content);
  }

  @Test
  void resumesAPartialDownloadWithARangeRequest() throws Exception {
    Path target = dir.resolve("data.bin");
    Files.write(dir.resolve("data.bin.part"), Arrays.copyOf(content, 100_000));
    downloader.fetch(server.uri("/data.bin"), target, sha256(content));
    assertThat(server.rangeHeaders()).containsExactly("bytes=100000-");
    assertThat(Files.readAllBytes(target)).isEqualTo(content);
  }

  @Test
  void checksumMismatchRemovesTheTemporaryFileAndSaysSo() throws Exception {
    Path target = dir.resolve("data.bin");
    Checksum wrong = Checksum.sha256("ab".repeat(32));
    assertThatThrownBy(() -> downloader.fetch(server.uri("/data.bin"), target, wrong))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(server.uri("/data.bin").toString())
        .hasMessageContaining("instead of " + "ab".repeat(32))
        .hasMessageContaining(target.toString());
    assertThat(Files.exists(target)).isFalse();
    assertThat(Files.exists(dir.resolve("data.bin.part"))).isFalse();
  }

  @Test
  void retriesAfterServerError() throws Exception {
    server.failNext(2);
    Path target = dir.resolve("data.bin");
    downloader.fetch(server.uri("/data.bin"), target, sha256(content));
    assertThat(server.requests()).isEqualTo(3);
    assertThat(Files.readAllBytes(target)).isEqualTo(content);
  }

  @Test
  void givesUpAfterMaxAttempts() throws Exception {
    server.failNext(10);
    Downloader twice =
        Downloader.builder()
            .optProgress(false)
            .optMaxAttempts(2)
            .optInitialBackoff(Duration.ofMillis(1))
            .build();
    assertThatThrownBy(
            () -> twice.fetch(server.uri("/data.bin"), dir.resolve("x"), sha256(content)))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("failed after 2 attempts (last: HTTP 500)");
    assertThat(server.requests()).isEqualTo(2);
  }

  @Test
  void notFoundFailsAtOnce() throws Exception {
    assertThatThrownBy(
            () -> downloader.fetch(server.uri("/missing"), dir.resolve("x"), sha256(content)))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("HTTP 404");
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void onlyHttpsOrLoopbackHttpIsAllowed() {
    Checksum any = Checksum.sha256("00".repeat(32));
    for (String uri :
        new String[] {
          "http://example.com/x", "ftp://127.0.0.1/x", "http://10.0.0.1/x", "file:///x"
        }) {
      assertThatThrownBy(() -> downloader.fetch(URI.create(uri), dir.resolve("x"), any))
          .isInstanceOf(DatasetException.class)
          .hasMessageContaining("only https addresses");
    }
    Downloader.checkAllowed(URI.create("https://github.com/x"));
    Downloader.checkAllowed(URI.create("http://localhost:8080/x"));
    Downloader.checkAllowed(URI.create("http://[::1]:8080/x"));
  }
}
