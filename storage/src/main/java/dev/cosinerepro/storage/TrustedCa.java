package dev.cosinerepro.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * An HTTP client for an S3 endpoint served over HTTPS with a certificate from a private CA: it
 * trusts exactly the CA certificates of one PEM file (and still checks host names).
 */
final class TrustedCa {
  private TrustedCa() {}

  /**
   * Builds the client.
   *
   * @param caFile PEM file with one or more CA certificates
   * @return a client that trusts them
   * @throws IllegalArgumentException one sentence naming the file when it holds no certificate
   */
  static OkHttpClient httpClient(Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException(
            "The S3 CA file " + caFile + " holds no PEM certificate: give the CA's certificate.");
      }
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int index = 0;
      for (Certificate certificate : certificates) {
        trusted.setCertificateEntry("ca-" + index++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      TrustManager[] managers = factory.getTrustManagers();
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, managers, null);
      return new OkHttpClient.Builder()
          .sslSocketFactory(context.getSocketFactory(), (X509TrustManager) managers[0])
          .build();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "The S3 CA file " + caFile + " cannot be read (" + e.getMessage() + "): check the path.",
          e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "The S3 CA file "
              + caFile
              + " holds no valid PEM certificate: give the CA's certificate.",
          e);
    }
  }
}
