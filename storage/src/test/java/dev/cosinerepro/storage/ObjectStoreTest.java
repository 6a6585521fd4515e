package dev.cosinerepro.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoreTest {

  @TempDir static Path serverFolder;
  static LocalS3 s3;
  static ObjectStore store;

  @TempDir Path local;

  @BeforeAll
  static void startServer() throws Exception {
    s3 = LocalS3.start(serverFolder);
    store = ObjectStore.connect(s3.settings("objects"));
  }

  @AfterAll
  static void stopServer() throws Exception {
    store.close();
    s3.close();
  }

  @Test
  void connectCreatesTheBucketAndReconnects() {
    try (ObjectStore first = ObjectStore.connect(s3.settings("fresh-bucket"));
        ObjectStore second = ObjectStore.connect(s3.settings("fresh-bucket"))) {
      first.put("a.txt", bytes("a"), "text/plain");
      assertThat(second.get("a.txt")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("a")));
      assertThat(second.endpoint()).isEqualTo(s3.endpoint());
      assertThat(second.bucket()).isEqualTo("fresh-bucket");
    }
    assertThat(serverFolder.resolve("fresh-bucket")).isDirectory();
  }

  @Test
  void putOverwritesAndGetReadsBack() {
    store.put("put/progress.json", bytes("{\"epoch\":1}"), "application/json");
    store.put("put/progress.json", bytes("{\"epoch\":2}"), "application/json");

    assertThat(store.get("put/progress.json"))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("{\"epoch\":2}")));
  }

  @Test
  void emptyObjectsRoundTrip() {
    store.put("put/empty", new byte[0], null);

    assertThat(store.get("put/empty")).hasValueSatisfying(v -> assertThat(v).isEmpty());
  }

  @Test
  void getOfAMissingKeyIsEmpty() {
    assertThat(store.get("nothing/here.json")).isEmpty();
  }

  @Test
  void openStreamsAndNamesAMissingKey() throws IOException {
    store.put("open/data.bin", bytes("streamed"), null);
    try (InputStream in = store.open("open/data.bin")) {
      assertThat(in.readAllBytes()).isEqualTo(bytes("streamed"));
    }

    assertThatThrownBy(() -> store.open("open/missing.bin"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("\"open/missing.bin\" does not exist")
        .hasMessageContaining("objects");
  }

  @Test
  void putIfAbsentKeepsTheOriginal() {
    assertThat(store.putIfAbsent("once/result.json", bytes("first"), "application/json")).isTrue();
    assertThat(store.putIfAbsent("once/result.json", bytes("second"), "application/json"))
        .isFalse();

    assertThat(store.get("once/result.json"))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("first")));
  }

  @Test
  void theServerRefusesAConditionalOverwrite() throws Exception {
    // The exists() pre-check is skipped here: this asserts that If-None-Match: * reaches the
    // server and is honoured, which is what keeps two racing writers from both winning.
    store.put("race/result.json", bytes("winner"), null);

    assertThat(store.conditionalPut("race/result.json", bytes("loser"), null)).isFalse();
    assertThat(store.get("race/result.json"))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("winner")));
  }

  @Test
  void putFileStreamsABigFileInParts() throws IOException {
    byte[] content = new byte[12 * 1024 * 1024 + 17];
    new Random(7).nextBytes(content);
    Path file = Files.write(local.resolve("big.bin"), content);

    store.putFile("files/big.bin", file, null);
    Path back = local.resolve("back/big.bin");
    store.download("files/big.bin", back);

    assertThat(Files.readAllBytes(back)).isEqualTo(content);
  }

  @Test
  void putFileRejectsAMissingFile() {
    assertThatThrownBy(() -> store.putFile("files/x", local.resolve("absent.bin"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absent.bin")
        .hasMessageContaining("not a readable regular file");
  }

  @Test
  void downloadReplacesTheDestinationAndLeavesNoTemporaryFile() throws IOException {
    store.put("dl/model.bin", bytes("new content"), null);
    Path destination = Files.writeString(local.resolve("model.bin"), "old content");

    store.download("dl/model.bin", destination);

    assertThat(destination).hasContent("new content");
    try (var files = Files.list(local)) {
      assertThat(files).containsExactly(destination);
    }
  }

  @Test
  void aFailedDownloadLeavesTheDestinationUntouched() throws IOException {
    Path destination = Files.writeString(local.resolve("keep.bin"), "previous");

    assertThatThrownBy(() -> store.download("dl/missing.bin", destination))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("dl/missing.bin");

    assertThat(destination).hasContent("previous");
    try (var files = Files.list(local)) {
      assertThat(files).containsExactly(destination);
    }
  }

  @Test
  void aTruncatedTransferNeverLeavesAHalfFile() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", TruncatingS3::handle);
    server.start();
    Path destination = local.resolve("half.bin");
    try (ObjectStore truncating =
        ObjectStore.connect(
            new S3Settings(
                "http://127.0.0.1:" + server.getAddress().getPort(), "k", "s", "bucket"))) {
      assertThatThrownBy(() -> truncating.download("runs/x/model.bin", destination))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("runs/x/model.bin");
    } finally {
      server.stop(0);
    }
    assertThat(destination).doesNotExist();
    try (var files = Files.list(local)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void existsTellsPresentFromAbsent() {
    store.put("ex/here", bytes("x"), null);

    assertThat(store.exists("ex/here")).isTrue();
    assertThat(store.exists("ex/there")).isFalse();
    assertThat(store.exists("ex")).isFalse();
  }

  @Test
  void listIsRecursiveSortedAndLimitedToThePrefix() {
    for (String key : List.of("ls/b/2.json", "ls/a.json", "ls/b/1.json", "ls/c/d/e.json", "lsx")) {
      store.put(key, bytes(key), null);
    }

    assertThat(store.list("ls/"))
        .containsExactly("ls/a.json", "ls/b/1.json", "ls/b/2.json", "ls/c/d/e.json");
    assertThat(store.list("ls/b/")).containsExactly("ls/b/1.json", "ls/b/2.json");
    assertThat(store.list("nothing/")).isEmpty();
  }

  @Test
  void presignedGetWorksWithoutCredentials() throws Exception {
    store.put("share/report.md", bytes("# Report"), "text/markdown");
    String url = store.presignedGet("share/report.md", Duration.ofMinutes(5));

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(url).startsWith(s3.endpoint() + "/objects/share/report.md?");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("# Report");
    assertThatThrownBy(() -> store.presignedGet("share/report.md", Duration.ofDays(8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("7 days");
  }

  @Test
  void wrongCredentialsGetOneClearSentence() {
    S3Settings wrong =
        new S3Settings(s3.endpoint(), LocalS3.ACCESS_KEY, "not-the-secret", "objects");

    assertThatThrownBy(() -> ObjectStore.connect(wrong))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("The S3 endpoint " + s3.endpoint() + " rejected the access key")
        .hasMessageContaining("REPRO_S3_ACCESS_KEY / REPRO_S3_SECRET_KEY")
        .message()
        .doesNotContain("\n");
  }

  @Test
  void anUnreachableEndpointGetsOneClearSentence() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    S3Settings nowhere = new S3Settings("http://127.0.0.1:" + closedPort, "k", "secret", "objects");

    long start = System.nanoTime();
    assertThatThrownBy(() -> ObjectStore.connect(nowhere))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("Cannot reach the S3 endpoint http://127.0.0.1:" + closedPort + ":")
        .message()
        .doesNotContain("\n");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aServerThatWentAwayGetsOneClearSentence() throws Exception {
    Path folder = Files.createDirectories(local.resolve("short-lived"));
    LocalS3 shortLived = LocalS3.start(folder);
    try (ObjectStore orphan = ObjectStore.connect(shortLived.settings("gone"))) {
      orphan.put("k", bytes("v"), null);
      String endpoint = shortLived.endpoint();
      shortLived.close();

      assertThatThrownBy(() -> orphan.get("k"))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith("Cannot reach the S3 endpoint " + endpoint + " while reading")
          .hasMessageContaining("\"k\"");
    }
  }

  @Test
  void uploadsCarryTheCrc32OfTheirContent() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            if ("PUT".equals(exchange.getRequestMethod())) {
              exchange.getRequestBody().readAllBytes();
              received.add(
                  exchange.getRequestURI().getPath()
                      + "="
                      + exchange.getRequestHeaders().getFirst("x-amz-checksum-crc32"));
              exchange.getResponseHeaders().add("ETag", "\"0\"");
            }
            TruncatingS3.answerBucketQuestions(exchange);
          }
        });
    server.start();
    byte[] content = new byte[300_000];
    new Random(7).nextBytes(content);
    Path file = Files.write(local.resolve("checksummed.bin"), content);
    try (ObjectStore recorded =
        ObjectStore.connect(
            new S3Settings(
                "http://127.0.0.1:" + server.getAddress().getPort(), "k", "s", "bucket"))) {
      recorded.put("bytes", content, null);
      recorded.putFile("file", file, null);
    } finally {
      server.stop(0);
    }
    CRC32 crc = new CRC32();
    crc.update(content);
    String expected =
        Base64.getEncoder()
            .encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    assertThat(received).containsExactly("/bucket/bytes=" + expected, "/bucket/file=" + expected);
  }

  @Test
  void badKeysAreRejected() {
    assertThatThrownBy(() -> store.put("/absolute", bytes("x"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"/absolute\"");
    assertThatThrownBy(() -> store.get("")).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Answers like S3 for a bucket check, then sends 10 of 1000 announced bytes and hangs up. */
  private static final class TruncatingS3 {
    static void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
      try (exchange) {
        if (!answerBucketQuestions(exchange)) {
          exchange.sendResponseHeaders(200, 1000);
          OutputStream out = exchange.getResponseBody();
          out.write(new byte[10]);
          out.flush();
        }
      } catch (IOException expected) {
        // "insufficient bytes written": the JDK server closes the connection, as intended.
      }
    }

    /**
     * Answers a HEAD (200), the bucket's location and a PUT (200, empty) as S3 does; returns false
     * for anything else.
     */
    static boolean answerBucketQuestions(com.sun.net.httpserver.HttpExchange exchange)
        throws IOException {
      String query = exchange.getRequestURI().getRawQuery();
      if ("HEAD".equals(exchange.getRequestMethod()) || "PUT".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(200, -1);
        return true;
      }
      if (query != null && query.contains("location")) {
        byte[] body =
            ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><LocationConstraint"
                    + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"></LocationConstraint>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        return true;
      }
      return false;
    }
  }
}
