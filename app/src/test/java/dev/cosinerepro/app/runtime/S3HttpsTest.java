package dev.cosinerepro.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.S3Settings;
import dev.cosinerepro.storage.StorageException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 over HTTPS with a private CA: s3proxy on a 127.0.0.1 HTTPS endpoint with a certificate from a
 * CA generated here; the store connects when told to trust that CA, and not otherwise.
 */
class S3HttpsTest {
  @TempDir static Path folder;
  private static TestCertificates certs;
  private static S3Proxy proxy;
  private static String endpoint;

  @BeforeAll
  static void startHttpsS3() throws Exception {
    certs = TestCertificates.create(folder);
    java.nio.file.Files.createDirectories(folder.resolve("s3"));
    Path keyStore = certs.serverKeyStore(folder.resolve("s3.p12"), "s3-test");
    proxy =
        S3Proxy.builder()
            .blobStore(new FilesystemNio2BlobStore(folder.resolve("s3").toString()))
            .secureEndpoint(URI.create("https://127.0.0.1:0"))
            .keyStore(keyStore.toString(), "s3-test")
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "HTTPSTEST", "https-secret")
            .stopTimeout(0)
            .build();
    proxy.start();
    endpoint = "https://127.0.0.1:" + proxy.getSecurePort();
  }

  @AfterAll
  static void stop() throws Exception {
    if (proxy != null) {
      proxy.stop();
    }
  }

  @Test
  void withTheCaTheStoreWritesAndReadsOverHttps() {
    S3Settings settings = new S3Settings(endpoint, "HTTPSTEST", "https-secret", "repro");
    try (ObjectStore store = ObjectStore.connect(settings, certs.caCert)) {
      store.put("runs/x/result.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
      assertThat(store.get("runs/x/result.json")).hasValueSatisfying(v -> assertThat(v).hasSize(2));
    }
  }

  @Test
  void withoutTheCaTheCertificateIsRefused() {
    S3Settings settings = new S3Settings(endpoint, "HTTPSTEST", "https-secret", "repro");
    assertThatThrownBy(() -> ObjectStore.connect(settings).close())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(endpoint);
  }

  @Test
  void aCaFileWithoutACertificateIsNamed() {
    S3Settings settings = new S3Settings(endpoint, "HTTPSTEST", "https-secret", "repro");
    assertThatThrownBy(() -> ObjectStore.connect(settings, certs.clientKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("The S3 CA file " + certs.clientKey);
  }
}
