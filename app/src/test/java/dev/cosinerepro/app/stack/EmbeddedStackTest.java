package dev.cosinerepro.app.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.S3Settings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStackTest {

  @TempDir Path dataHome;

  @Test
  void startsEverythingOnLoopbackAndKeepsDataAcrossRestarts() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("repro.stack.test").increment();
    S3Settings firstSettings;
    int s3Port;
    try (EmbeddedStack stack =
        EmbeddedStack.start(dataHome, registry, StackPorts.ephemeral(), Map.of())) {
      firstSettings = stack.s3Settings();
      s3Port = URI.create(firstSettings.endpoint()).getPort();
      assertThat(stack.dataHome()).isEqualTo(dataHome.toAbsolutePath());
      assertThat(firstSettings.bucket()).isEqualTo("repro");
      assertThat(stack.temporalTarget()).startsWith("127.0.0.1:");
      assertThat(firstSettings.endpoint()).startsWith("http://127.0.0.1:");
      assertThat(stack.metricsUrl()).startsWith("http://127.0.0.1:").endsWith("/metrics");

      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporalTarget()).build());
      try {
        assertThat(stubs.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance()))
            .isNotNull();
      } finally {
        stubs.shutdownNow();
      }
      try (ObjectStore store = ObjectStore.connect(firstSettings)) {
        store.put("runs/r/spec.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
      }
      HttpResponse<String> scrape =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(stack.metricsUrl())).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(scrape.body()).contains("repro_stack_test_total");
    }

    assertThat(Files.getPosixFilePermissions(dataHome.resolve("credentials")))
        .hasSize(2); // rw-------
    assertThat(dataHome.resolve("s3/repro/runs/r/spec.json")).isRegularFile();
    assertThat(portIsFree(s3Port)).isTrue(); // closed

    try (EmbeddedStack again =
            EmbeddedStack.start(dataHome, registry, StackPorts.ephemeral(), Map.of());
        ObjectStore store = ObjectStore.connect(again.s3Settings())) {
      assertThat(again.s3Settings().accessKey()).isEqualTo(firstSettings.accessKey());
      assertThat(store.exists("runs/r/spec.json")).isTrue();
    }
  }

  @Test
  void aFailedStartStopsWhatAlreadyRan() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      int temporalPort = freePort();
      StackPorts ports = new StackPorts(temporalPort, 0, taken.getLocalPort());

      assertThatThrownBy(() -> EmbeddedStack.start(dataHome, registry, ports, Map.of()))
          .isInstanceOf(StackException.class)
          .hasMessageStartingWith("Cannot start the metrics endpoint on 127.0.0.1:");
      assertThat(portIsFree(temporalPort)).isTrue();
    }
  }

  @Test
  void theDataHomeDefaultsToDotReproUnlessReproHomeIsSet() {
    assertThat(EmbeddedStack.defaultDataHome(Map.of()))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".repro").toAbsolutePath());
    assertThat(EmbeddedStack.defaultDataHome(Map.of("REPRO_HOME", "/data/repro")))
        .isEqualTo(Path.of("/data/repro"));
  }

  @Test
  void portsAreValidated() {
    assertThatThrownBy(() -> new StackPorts(0, 70000, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The S3 port 70000 is out of range: use 1 to 65535, or 0 for a free port.");
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }

  private static boolean portIsFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
