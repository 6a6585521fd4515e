package dev.cosinerepro.app.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the services are. With neither a Temporal target nor an S3 endpoint the embedded stack is
 * used: the one a running {@code repro up} advertises in the data folder, or a new one started in
 * this process.
 *
 * @param temporalTarget Temporal frontend {@code HOST:PORT}, or {@code null} for the embedded stack
 * @param s3Endpoint S3 endpoint URL, or {@code null} for the embedded stack
 * @param bucket the bucket
 * @param namespace the Temporal namespace
 * @param dataHome the data folder (datasets, the embedded store, credentials)
 * @param s3Ca PEM CA certificates to trust for an HTTPS S3 endpoint, or {@code null} for the
 *     system's
 * @param temporalSecurity TLS, mutual TLS and the API key for the Temporal connection
 * @param env the environment (credentials come from {@code REPRO_S3_ACCESS_KEY} / {@code
 *     REPRO_S3_SECRET_KEY})
 */
public record ConnectionSettings(
    String temporalTarget,
    String s3Endpoint,
    String bucket,
    String namespace,
    Path dataHome,
    Path s3Ca,
    TemporalSecurity temporalSecurity,
    Map<String, String> env) {

  /** Whether the settings name external services. */
  public boolean external() {
    return temporalTarget != null || s3Endpoint != null;
  }
}
