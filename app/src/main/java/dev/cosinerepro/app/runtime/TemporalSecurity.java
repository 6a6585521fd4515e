package dev.cosinerepro.app.runtime;

import dev.cosinerepro.app.exit.UserError;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How a client proves itself to the Temporal service and checks it: plain, TLS (optionally with a
 * private CA), mutual TLS (a client certificate and its PKCS#8 key, as PEM files), and an API key
 * (Temporal Cloud), which is sent as a bearer token and implies TLS. The key never appears in
 * {@link #toString()}, logs or metrics.
 *
 * @param tls whether to use TLS at all
 * @param caFile PEM certificates to trust instead of the system's, or {@code null}
 * @param certFile the client certificate chain (PEM) for mutual TLS, or {@code null}
 * @param keyFile the client certificate's private key (PKCS#8 PEM), or {@code null}
 * @param apiKey the API key, or {@code null}
 */
public record TemporalSecurity(
    boolean tls, Path caFile, Path certFile, Path keyFile, String apiKey) {

  /** The environment variable that holds the API key (never an option: it would show in ps). */
  public static final String API_KEY_VARIABLE = "REPRO_TEMPORAL_API_KEY";

  /** A plain connection. */
  public static final TemporalSecurity PLAIN = new TemporalSecurity(false, null, null, null, null);

  /**
   * Checks the options together and reads the API key from the environment.
   *
   * @throws UserError naming the option when a file is missing or a certificate lacks its key
   */
  public static TemporalSecurity of(
      boolean tls, Path caFile, Path certFile, Path keyFile, Map<String, String> env) {
    if ((certFile == null) != (keyFile == null)) {
      throw UserError.input(
          "Mutual TLS needs both --temporal-cert and --temporal-key: give the client certificate"
              + " and its private key together.");
    }
    requireReadable("--temporal-ca", caFile);
    requireReadable("--temporal-cert", certFile);
    requireReadable("--temporal-key", keyFile);
    String apiKey = env.get(API_KEY_VARIABLE);
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    boolean anyTls = tls || caFile != null || certFile != null || apiKey != null;
    return new TemporalSecurity(anyTls, caFile, certFile, keyFile, apiKey);
  }

  private static void requireReadable(String option, Path file) {
    if (file != null && !Files.isReadable(file)) {
      throw UserError.input(option + " " + file + " is not a readable file: check the path.");
    }
  }

  /**
   * Configures service stubs: the TLS context and the API key.
   *
   * @throws UserError naming the file when a certificate or key cannot be read
   */
  public WorkflowServiceStubsOptions.Builder applyTo(WorkflowServiceStubsOptions.Builder builder) {
    if (!tls) {
      return builder;
    }
    SslContextBuilder ssl = GrpcSslContexts.forClient();
    if (caFile != null) {
      try {
        ssl.trustManager(caFile.toFile());
      } catch (IllegalArgumentException e) {
        throw UserError.input(
            "--temporal-ca " + caFile + " holds no PEM certificate: give the CA's certificate.");
      }
    }
    if (certFile != null) {
      try {
        ssl.keyManager(certFile.toFile(), keyFile.toFile());
      } catch (IllegalArgumentException e) {
        throw UserError.input(
            "--temporal-cert "
                + certFile
                + " and --temporal-key "
                + keyFile
                + " are not a PEM certificate and its PKCS#8 PEM key: convert the key with"
                + " `openssl pkcs8 -topk8 -nocrypt`.");
      }
    }
    try {
      builder.setSslContext(ssl.build());
    } catch (IOException e) {
      throw UserError.input("The TLS settings for Temporal do not work: " + e.getMessage() + ".");
    }
    if (apiKey != null) {
      String key = apiKey;
      builder.addApiKey(() -> key);
    }
    return builder;
  }

  @Override
  public String toString() {
    return "TemporalSecurity[tls="
        + tls
        + ", ca="
        + caFile
        + ", cert="
        + certFile
        + ", key="
        + keyFile
        + ", apiKey="
        + (apiKey == null ? "none" : "set")
        + "]";
  }
}
