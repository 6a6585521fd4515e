package dev.cosinerepro.app.stack;

import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.S3Settings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a reproduction needs in one process: the Temporal test server, the S3 server (bucket
 * {@value #BUCKET}, data in {@code <dataHome>/s3}) and the metrics endpoint, all on 127.0.0.1.
 *
 * <p>The data home (default {@code ~/.repro}, or {@code REPRO_HOME}; see {@link
 * #defaultDataHome(Map)}) holds the S3 data and the credentials file. Workflow state lives in
 * memory only and is lost when the stack stops; everything durable is in the object store.
 */
public final class EmbeddedStack implements AutoCloseable {

  /** The bucket that holds every artifact. */
  public static final String BUCKET = "repro";

  /** The environment variable that moves the data home. */
  public static final String DATA_HOME_VARIABLE = "REPRO_HOME";

  /** The sub-folder of the data home that holds the S3 buckets. */
  public static final String S3_FOLDER = "s3";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

  private final Path dataHome;
  private final EmbeddedTemporal temporal;
  private final EmbeddedS3 s3;
  private final MetricsServer metrics;
  private final S3Settings s3Settings;
  private boolean closed;

  private EmbeddedStack(
      Path dataHome,
      EmbeddedTemporal temporal,
      EmbeddedS3 s3,
      MetricsServer metrics,
      S3Settings s3Settings) {
    this.dataHome = dataHome;
    this.temporal = temporal;
    this.s3 = s3;
    this.metrics = metrics;
    this.s3Settings = s3Settings;
  }

  /**
   * Returns the data home for an environment: {@code REPRO_HOME} if set, else {@code ~/.repro}.
   *
   * @param env the environment, usually {@code System.getenv()}
   * @return the absolute data home path (not created)
   */
  public static Path defaultDataHome(Map<String, String> env) {
    String configured = env.get(DATA_HOME_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured.strip()).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".repro").toAbsolutePath();
  }

  /**
   * Starts the stack with credentials from the process environment (see {@link CredentialsStore}).
   *
   * @param dataHome the data folder; created if missing
   * @param registry the registry the metrics endpoint serves
   * @param ports the ports to listen on ({@link StackPorts#ephemeral()} for free ones)
   * @return the running stack
   * @throws StackException if any part cannot start; the parts already started are stopped
   */
  public static EmbeddedStack start(
      Path dataHome, PrometheusMeterRegistry registry, StackPorts ports) {
    return start(dataHome, registry, ports, System.getenv());
  }

  /**
   * Starts the stack.
   *
   * @param dataHome the data folder; created if missing
   * @param registry the registry the metrics endpoint serves
   * @param ports the ports to listen on ({@link StackPorts#ephemeral()} for free ones)
   * @param env the environment the S3 credentials may come from
   * @return the running stack
   * @throws StackException if any part cannot start; the parts already started are stopped
   */
  public static EmbeddedStack start(
      Path dataHome, PrometheusMeterRegistry registry, StackPorts ports, Map<String, String> env) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(ports, "ports");
    Path home = dataHome.toAbsolutePath();
    S3Credentials credentials = CredentialsStore.loadOrCreate(home, env);
    Deque<AutoCloseable> started = new ArrayDeque<>();
    try {
      EmbeddedTemporal temporal = EmbeddedTemporal.start(ports.temporal());
      started.push(temporal);
      EmbeddedS3 s3 = EmbeddedS3.start(home.resolve(S3_FOLDER), credentials, ports.s3());
      started.push(s3);
      S3Settings settings =
          new S3Settings(s3.endpoint(), credentials.accessKey(), credentials.secretKey(), BUCKET);
      try (ObjectStore store = ObjectStore.connect(settings)) {
        LOG.debug("Bucket {} ready at {}", store.bucket(), store.endpoint());
      }
      MetricsServer metrics = MetricsServer.start(registry, ports.metrics());
      started.push(metrics);
      LOG.info(
          "Embedded stack up: Temporal {}, S3 {}, metrics {}, data in {}",
          temporal.target(),
          s3.endpoint(),
          metrics.url(),
          home);
      return new EmbeddedStack(home, temporal, s3, metrics, settings);
    } catch (RuntimeException e) {
      closeAll(started);
      throw e;
    }
  }

  /**
   * Returns the Temporal address for clients and workers.
   *
   * @return {@code 127.0.0.1:PORT}
   */
  public String temporalTarget() {
    return temporal.target();
  }

  /**
   * Returns the settings to connect an {@link ObjectStore} to the embedded S3 server.
   *
   * @return endpoint, credentials and bucket {@value #BUCKET}
   */
  public S3Settings s3Settings() {
    return s3Settings;
  }

  /**
   * Returns the Prometheus scrape URL.
   *
   * @return {@code http://127.0.0.1:PORT/metrics}
   */
  public String metricsUrl() {
    return metrics.url();
  }

  /**
   * Returns the data folder.
   *
   * @return the absolute data home
   */
  public Path dataHome() {
    return dataHome;
  }

  /** Stops metrics, S3 and Temporal, in that order, logging rather than throwing failures. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    Deque<AutoCloseable> parts = new ArrayDeque<>();
    parts.push(temporal);
    parts.push(s3);
    parts.push(metrics);
    closeAll(parts);
  }

  private static void closeAll(Deque<AutoCloseable> parts) {
    while (!parts.isEmpty()) {
      AutoCloseable part = parts.pop();
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("Stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
