package dev.cosinerepro.app.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesACounterInThePrometheusFormat() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("repro.epochs.finished", "queue", "gpu").increment(3);

    try (MetricsServer server = MetricsServer.start(registry, 0)) {
      HttpResponse<String> response = get(server.url());

      assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port() + "/metrics");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue(MetricsServer.CONTENT_TYPE);
      assertThat(response.body()).contains("repro_epochs_finished_total{queue=\"gpu\"} 3.0");
      assertThat(Loopback.boundToLoopbackOnly(server.port())).isTrue();
    }
  }

  @Test
  void otherPathsAreNotFound() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (MetricsServer server = MetricsServer.start(registry, 0)) {
      assertThat(get(server.url() + "x").statusCode()).isEqualTo(404);
      assertThat(get(server.url().replace("/metrics", "/")).statusCode()).isEqualTo(404);
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
