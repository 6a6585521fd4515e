package dev.cosinerepro.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.app.exit.UserError;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Path;
import java.util.Map;
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
  @TempDir static Path folder;
  private static TestCertificates certs;
  private static TlsTemporalServer server;
  private static String target;

  @BeforeAll
  static void startTlsServer() throws Exception {
    certs = TestCertificates.create(folder);
    server = TlsTemporalServer.start(certs);
    target = server.target();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (server != null) {
      server.close();
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
    server.authorizations().clear();

    WorkflowServiceStubs stubs = Services.temporalStubs(target, security, registry());
    try {
      assertThat(stubs.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance()))
          .isNotNull();
    } finally {
      stubs.shutdownNow();
    }
    assertThat(server.authorizations()).isNotEmpty().allMatch("Bearer test-api-key-123"::equals);
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
