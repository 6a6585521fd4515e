package dev.cosinerepro.app.runtime;

import com.uber.m3.tally.Scope;
import dev.cosinerepro.app.exit.UserError;
import dev.cosinerepro.app.stack.CredentialsStore;
import dev.cosinerepro.app.stack.EmbeddedStack;
import dev.cosinerepro.app.stack.S3Credentials;
import dev.cosinerepro.app.stack.StackException;
import dev.cosinerepro.app.stack.StackPorts;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.S3Settings;
import dev.cosinerepro.storage.StorageException;
import io.grpc.StatusRuntimeException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The services a command works with: a Temporal client, the object store, and, when no external
 * services are named, the embedded stack that provides both.
 */
public final class Services implements AutoCloseable {
  private final EmbeddedStack stack;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final ObjectStore store;
  private final String temporalTarget;
  private final String metricsUrl;

  private Services(
      EmbeddedStack stack,
      WorkflowServiceStubs stubs,
      WorkflowClient client,
      ObjectStore store,
      String temporalTarget,
      String metricsUrl) {
    this.stack = stack;
    this.stubs = stubs;
    this.client = client;
    this.store = store;
    this.temporalTarget = temporalTarget;
    this.metricsUrl = metricsUrl;
  }

  /**
   * Connects to the services the settings name, or to a running {@code repro up}, or starts the
   * embedded stack.
   *
   * @param settings where the services are
   * @param registry the registry Temporal's client metrics (and, embedded, the metrics endpoint)
   *     use
   * @param ports ports for a newly started embedded stack
   * @param reuseRunningStack whether a running {@code repro up} may be used instead of a new stack
   * @throws UserError when a service is unreachable or refuses the credentials
   */
  public static Services open(
      ConnectionSettings settings,
      PrometheusMeterRegistry registry,
      StackPorts ports,
      boolean reuseRunningStack) {
    if (settings.external()) {
      return external(settings, registry);
    }
    Optional<StackFile> running =
        reuseRunningStack ? StackFile.readLive(settings.dataHome()) : Optional.empty();
    if (running.isPresent()) {
      StackFile note = running.get();
      S3Credentials credentials;
      try {
        credentials = CredentialsStore.loadOrCreate(settings.dataHome(), settings.env());
      } catch (StackException e) {
        throw UserError.input(e.getMessage());
      }
      return connect(
          null,
          note.temporalTarget(),
          settings.namespace(),
          TemporalSecurity.PLAIN,
          new S3Settings(
              note.s3Endpoint(), credentials.accessKey(), credentials.secretKey(), note.bucket()),
          null,
          registry,
          note.metricsUrl());
    }
    EmbeddedStack stack;
    try {
      stack = EmbeddedStack.start(settings.dataHome(), registry, ports, settings.env());
    } catch (StackException | StorageException e) {
      throw UserError.service(e.getMessage());
    }
    try {
      return connect(
          stack,
          stack.temporalTarget(),
          settings.namespace(),
          TemporalSecurity.PLAIN,
          stack.s3Settings(),
          null,
          registry,
          stack.metricsUrl());
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private static Services external(ConnectionSettings settings, PrometheusMeterRegistry registry) {
    if (settings.temporalTarget() == null || settings.s3Endpoint() == null) {
      throw UserError.input(
          "Give both --temporal and --s3 (or neither, to use the embedded stack).");
    }
    Endpoints.checkTemporalTarget(settings.temporalTarget());
    Endpoints.checkS3Endpoint(settings.s3Endpoint());
    String access = settings.env().get("REPRO_S3_ACCESS_KEY");
    String secret = settings.env().get("REPRO_S3_SECRET_KEY");
    if (access == null || access.isBlank() || secret == null || secret.isBlank()) {
      throw UserError.input(
          "The S3 endpoint "
              + settings.s3Endpoint()
              + " needs credentials: set REPRO_S3_ACCESS_KEY and REPRO_S3_SECRET_KEY.");
    }
    S3Settings s3;
    try {
      s3 = new S3Settings(settings.s3Endpoint(), access, secret, settings.bucket());
    } catch (IllegalArgumentException e) {
      throw UserError.input(e.getMessage());
    }
    return connect(
        null,
        settings.temporalTarget(),
        settings.namespace(),
        settings.temporalSecurity(),
        s3,
        settings.s3Ca(),
        registry,
        null);
  }

  private static Services connect(
      EmbeddedStack stack,
      String target,
      String namespace,
      TemporalSecurity security,
      S3Settings s3,
      Path s3Ca,
      PrometheusMeterRegistry registry,
      String metricsUrl) {
    ObjectStore store;
    try {
      store = ObjectStore.connect(s3, s3Ca);
    } catch (StorageException e) {
      throw UserError.service(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw UserError.input(e.getMessage());
    }
    WorkflowServiceStubs stubs = null;
    try {
      stubs = temporalStubs(target, security, registry);
      WorkflowClient client =
          WorkflowClient.newInstance(
              stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
      return new Services(stack, stubs, client, store, target, metricsUrl);
    } catch (RuntimeException e) {
      store.close();
      if (stubs != null) {
        stubs.shutdownNow();
      }
      throw e;
    }
  }

  /**
   * Connects to a Temporal frontend and checks that it answers.
   *
   * @param target {@code HOST:PORT}
   * @param security plain, TLS, mutual TLS or API key
   * @param registry where the client's metrics go
   * @return the connected stubs
   * @throws UserError one sentence when the target is malformed, unreachable or refuses the TLS
   *     handshake or the credentials
   */
  public static WorkflowServiceStubs temporalStubs(
      String target, TemporalSecurity security, PrometheusMeterRegistry registry) {
    Scope scope = TemporalMetrics.scope(registry);
    WorkflowServiceStubs stubs;
    try {
      stubs =
          WorkflowServiceStubs.newServiceStubs(
              security
                  .applyTo(
                      WorkflowServiceStubsOptions.newBuilder()
                          .setTarget(target)
                          .setMetricsScope(scope))
                  .build());
    } catch (IllegalArgumentException e) {
      throw UserError.input(
          "The Temporal target '" + target + "' is not valid: give it as HOST:PORT.");
    }
    try {
      stubs
          .blockingStub()
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      stubs.shutdownNow();
      throw UserError.service(
          "Cannot reach the Temporal service at "
              + target
              + " ("
              + e.getStatus().getCode()
              + (security.tls()
                  ? " over TLS): check --temporal HOST:PORT, --temporal-ca, --temporal-cert and"
                      + " --temporal-key, and the API key in "
                      + TemporalSecurity.API_KEY_VARIABLE
                      + "."
                  : "): start it, or pass the right --temporal HOST:PORT."));
    }
    return stubs;
  }

  /** The Temporal client. */
  public WorkflowClient client() {
    return client;
  }

  /** The object store. */
  public ObjectStore store() {
    return store;
  }

  /** The Temporal target connected to. */
  public String temporalTarget() {
    return temporalTarget;
  }

  /**
   * The metrics URL, when this process or a running {@code repro up} serves one; otherwise {@code
   * null}.
   */
  public String metricsUrl() {
    return metricsUrl;
  }

  /** The embedded stack this process started, if any. */
  public Optional<EmbeddedStack> embedded() {
    return Optional.ofNullable(stack);
  }

  @Override
  public void close() {
    stubs.shutdown();
    stubs.awaitTermination(5, TimeUnit.SECONDS);
    store.close();
    if (stack != null) {
      stack.close();
    }
  }
}
