package dev.cosinerepro.app.cli;

import dev.cosinerepro.app.exit.UserError;
import dev.cosinerepro.app.runtime.ConnectionSettings;
import dev.cosinerepro.app.runtime.TemporalSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by every command that talks to Temporal or the object store. */
public final class ConnectionOptions {
  @Option(
      names = "--temporal",
      paramLabel = "HOST:PORT",
      defaultValue = "${env:REPRO_TEMPORAL}",
      description =
          "Temporal frontend (env REPRO_TEMPORAL). Default: the embedded stack (a running `repro up`,"
              + " or one started for this command).")
  String temporal;

  @Option(
      names = "--s3",
      paramLabel = "URL",
      defaultValue = "${env:REPRO_S3_ENDPOINT}",
      description =
          "S3 endpoint, e.g. http://minio:9000 (env REPRO_S3_ENDPOINT; credentials from"
              + " REPRO_S3_ACCESS_KEY and REPRO_S3_SECRET_KEY). Default: the embedded stack.")
  String s3;

  @Option(
      names = "--bucket",
      defaultValue = "${env:REPRO_S3_BUCKET:-repro}",
      description = "Bucket for every artifact (env REPRO_S3_BUCKET). Default: ${DEFAULT-VALUE}.")
  String bucket;

  @Option(
      names = "--namespace",
      defaultValue = "${env:REPRO_NAMESPACE:-default}",
      description = "Temporal namespace (env REPRO_NAMESPACE). Default: ${DEFAULT-VALUE}.")
  String namespace;

  @Option(
      names = "--s3-ca",
      paramLabel = "FILE",
      defaultValue = "${env:REPRO_S3_CA}",
      description = "PEM CA certificate(s) to trust for an https:// S3 endpoint (env REPRO_S3_CA).")
  Path s3Ca;

  @Option(
      names = "--temporal-tls",
      defaultValue = "${env:REPRO_TEMPORAL_TLS:-false}",
      description =
          "Connect to Temporal over TLS (env REPRO_TEMPORAL_TLS). Implied by --temporal-ca,"
              + " --temporal-cert and an API key in env REPRO_TEMPORAL_API_KEY (Temporal Cloud).")
  boolean temporalTls;

  @Option(
      names = "--temporal-ca",
      paramLabel = "FILE",
      defaultValue = "${env:REPRO_TEMPORAL_CA}",
      description = "PEM CA certificate(s) to trust for Temporal (env REPRO_TEMPORAL_CA).")
  Path temporalCa;

  @Option(
      names = "--temporal-cert",
      paramLabel = "FILE",
      defaultValue = "${env:REPRO_TEMPORAL_CERT}",
      description = "Client certificate (PEM) for mutual TLS (env REPRO_TEMPORAL_CERT).")
  Path temporalCert;

  @Option(
      names = "--temporal-key",
      paramLabel = "FILE",
      defaultValue = "${env:REPRO_TEMPORAL_KEY}",
      description = "The client certificate's PKCS#8 PEM key (env REPRO_TEMPORAL_KEY).")
  Path temporalKey;

  @picocli.CommandLine.Mixin DataHomeOption home;

  /** The settings these options describe, with credentials read from {@code env}. */
  public ConnectionSettings settings(Map<String, String> env) {
    return new ConnectionSettings(
        blankToNull(temporal),
        blankToNull(s3),
        bucket,
        namespace,
        dataHome(),
        readableOrNull("--s3-ca", s3Ca),
        TemporalSecurity.of(temporalTls, temporalCa, temporalCert, temporalKey, env),
        env);
  }

  /** The data folder. */
  public Path dataHome() {
    return home.dataHome();
  }

  private static Path readableOrNull(String option, Path file) {
    if (file != null && !Files.isReadable(file)) {
      throw UserError.input(option + " " + file + " is not a readable file: check the path.");
    }
    return file;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
