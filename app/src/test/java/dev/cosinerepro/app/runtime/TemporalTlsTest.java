package dev.cosinerepro.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.app.exit.UserError;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Temporal connection over TLS: the Temporal Java test server behind a Netty TLS listener on
 * 127.0.0.1 that demands a client certificate signed by a CA generated here (keytool), and records
 * the authorization header of every call.
 */
class TemporalTlsTest {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  @TempDir static Path folder;
  private static TestCertificates certs;
  private static TestServicesStarter services;
  private static Server server;
  private static String target;
  private static final CopyOnWriteArrayList<String> authorizations = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startTlsServer() throws Exception {
    certs = TestCertificates.create(folder);
    services = new TestServicesStarter(true, 0L);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .sslContext(
                GrpcSslContexts.forServer(certs.serverCert.toFile(), certs.serverKey.toFile())
                    .trustManager(certs.caCert.toFile())
                    .clientAuth(ClientAuth.REQUIRE)
                    .build());
    ServerInterceptor recordAuthorization =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            String value = headers.get(AUTHORIZATION);
            authorizations.add(value == null ? "" : value);
            return next.startCall(call, headers);
          }
        };
    for (io.grpc.BindableService service : services.getServices()) {
      ServerServiceDefinition definition = service.bindService();
      builder.addService(ServerInterceptors.intercept(definition, recordAuthorization));
    }
    server = builder.build().start();
    target = "127.0.0.1:" + ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (services != null) {
      services.close();
    }
  }

  @Test
  void mutualTlsWithTheGeneratedCaConnectsAndSendsTheApiKeyAsBearerToken() {
    TemporalSecurity security =
        TemporalSecurity.of(
            false,
            certs.caCert,
            certs.clientCert,
            certs.clientKey,
            Map.of(TemporalSecurity.API_KEY_VARIABLE, "test-api-key-123"));
    assertThat(security.tls()).isTrue();
    assertThat(security.toString()).doesNotContain("test-api-key-123").contains("apiKey=set");
    authorizations.clear();

    WorkflowServiceStubs stubs = Services.temporalStubs(target, security, registry());
    try {
      assertThat(stubs.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance()))
          .isNotNull();
    } finally {
      stubs.shutdownNow();
    }
    assertThat(authorizations).isNotEmpty().allMatch("Bearer test-api-key-123"::equals);
  }

  @Test
  void withoutAClientCertificateTheServerRefusesInOneSentence() {
    TemporalSecurity caOnly = TemporalSecurity.of(false, certs.caCert, null, null, Map.of());

    assertThatThrownBy(() -> Services.temporalStubs(target, caOnly, registry()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("Cannot reach the Temporal service at " + target)
        .hasMessageContaining("over TLS")
        .hasMessageContaining("--temporal-cert")
        .message()
        .doesNotContain("\n");
  }

  @Test
  void withoutTheCaTheServerCertificateIsNotTrusted() {
    TemporalSecurity systemTrust =
        TemporalSecurity.of(true, null, certs.clientCert, certs.clientKey, Map.of());

    assertThatThrownBy(() -> Services.temporalStubs(target, systemTrust, registry()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("--temporal-ca");
  }

  @Test
  void badInputsGetOneSentenceNamingTheOption() {
    assertThatThrownBy(() -> TemporalSecurity.of(true, null, certs.clientCert, null, Map.of()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("--temporal-key");
    assertThatThrownBy(
            () -> TemporalSecurity.of(true, folder.resolve("missing.pem"), null, null, Map.of()))
        .isInstanceOf(UserError.class)
        .hasMessage(
            "--temporal-ca "
                + folder.resolve("missing.pem")
                + " is not a readable file: check the path.");
    TemporalSecurity keyAsCa = TemporalSecurity.of(true, certs.clientKey, null, null, Map.of());
    assertThatThrownBy(() -> Services.temporalStubs(target, keyAsCa, registry()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("--temporal-ca " + certs.clientKey);
  }

  private static PrometheusMeterRegistry registry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }
}
