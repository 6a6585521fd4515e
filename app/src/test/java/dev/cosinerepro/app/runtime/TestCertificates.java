package dev.cosinerepro.app.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A CA, a server certificate for 127.0.0.1 and a client certificate, made by the JDK's keytool in a
 * folder, with the keys written as PKCS#8 PEM (what Temporal clients are given).
 */
public final class TestCertificates {
  private static final String PASSWORD = "test-only";

  public final Path caCert;
  public final Path serverCert;
  public final Path serverKey;
  public final Path clientCert;
  public final Path clientKey;

  private TestCertificates(Path folder) {
    caCert = folder.resolve("ca.pem");
    serverCert = folder.resolve("server.pem");
    serverKey = folder.resolve("server-key.pem");
    clientCert = folder.resolve("client.pem");
    clientKey = folder.resolve("client-key.pem");
  }

  public static TestCertificates create(Path folder) throws Exception {
    TestCertificates certs = new TestCertificates(folder);
    Path ca = folder.resolve("ca.p12");
    keytool(
        folder,
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=cosine-repro test CA",
        "-ext",
        "bc:c",
        "-validity",
        "2",
        "-keystore",
        ca.toString());
    keytool(
        folder,
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-file",
        certs.caCert.toString());
    certs.issue(
        folder,
        ca,
        "server",
        "CN=127.0.0.1",
        "san=ip:127.0.0.1",
        certs.serverCert,
        certs.serverKey);
    certs.issue(
        folder,
        ca,
        "client",
        "CN=repro-worker",
        "eku=clientAuth",
        certs.clientCert,
        certs.clientKey);
    return certs;
  }

  private void issue(
      Path folder, Path ca, String name, String dname, String extension, Path certOut, Path keyOut)
      throws Exception {
    Path store = folder.resolve(name + ".p12");
    Path request = folder.resolve(name + ".csr");
    keytool(
        folder,
        "-genkeypair",
        "-alias",
        name,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        dname,
        "-validity",
        "2",
        "-keystore",
        store.toString());
    keytool(
        folder,
        "-certreq",
        "-alias",
        name,
        "-keystore",
        store.toString(),
        "-file",
        request.toString());
    keytool(
        folder,
        "-gencert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-infile",
        request.toString(),
        "-outfile",
        certOut.toString(),
        "-ext",
        extension,
        "-validity",
        "2");
    Files.writeString(certOut, Files.readString(certOut) + Files.readString(caCert));
    Files.writeString(keyOut, pkcs8Pem(store, name));
  }

  /**
   * A PKCS#12 key store with the server's key and its CA-signed chain (for servers that take a key
   * store, such as s3proxy).
   */
  Path serverKeyStore(Path file, String password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    String pem =
        Files.readString(serverKey)
            .replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    PrivateKey key =
        java.security.KeyFactory.getInstance("EC")
            .generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    java.security.cert.Certificate[] chain;
    try (InputStream in = Files.newInputStream(serverCert)) {
      chain =
          java.security.cert.CertificateFactory.getInstance("X.509")
              .generateCertificates(in)
              .toArray(java.security.cert.Certificate[]::new);
    }
    store.setKeyEntry("server", key, password.toCharArray(), chain);
    try (java.io.OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }

  private static String pkcs8Pem(Path store, String alias)
      throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    PrivateKey key = (PrivateKey) keys.getKey(alias, PASSWORD.toCharArray());
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static void keytool(Path folder, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(
        List.of("-storepass", PASSWORD, "-keypass", PASSWORD, "-storetype", "PKCS12", "-noprompt"));
    Process process =
        new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + String.join(" ", args) + ": " + output);
    }
  }
}
