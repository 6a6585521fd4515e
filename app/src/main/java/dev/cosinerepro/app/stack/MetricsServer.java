package dev.cosinerepro.app.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus scrape endpoint: {@code GET /metrics} answers with the registry's samples in the
 * Prometheus text format (0.0.4). Served by the JDK's HTTP server on 127.0.0.1, one request at a
 * time on a daemon thread.
 */
public final class MetricsServer implements AutoCloseable {

  /** The content type of the Prometheus text exposition format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
  private static final String HOST = "127.0.0.1";
  private static final String PATH = "/metrics";

  private final HttpServer server;
  private final ExecutorService executor;
  private boolean closed;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving a registry.
   *
   * @param registry the registry to expose
   * @param port the port to listen on, or 0 for a free ephemeral port
   * @return the running server
   * @throws StackException if the port is taken
   */
  public static MetricsServer start(PrometheusMeterRegistry registry, int port) {
    return start(registry, HOST, port);
  }

  /**
   * Starts serving a registry on another address than loopback, e.g. {@code 0.0.0.0} inside a
   * container whose Prometheus scrapes it over the container network.
   *
   * @param registry the registry to expose
   * @param host the address to bind
   * @param port the port to listen on, or 0 for a free ephemeral port
   * @return the running server
   * @throws StackException if the port is taken or the address is not this machine's
   */
  public static MetricsServer start(PrometheusMeterRegistry registry, String host, int port) {
    Objects.requireNonNull(registry, "registry");
    StackPorts.check("metrics", port);
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new StackException(
          "Cannot start the metrics endpoint on "
              + host
              + ":"
              + port
              + " ("
              + StackException.reason(e)
              + "): choose another port, or stop whatever listens there.",
          e);
    }
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "metrics-http");
              thread.setDaemon(true);
              return thread;
            });
    server.createContext("/", exchange -> handle(registry, exchange));
    server.setExecutor(executor);
    server.start();
    LOG.debug("Metrics endpoint on http://{}:{}{}", HOST, server.getAddress().getPort(), PATH);
    return new MetricsServer(server, executor);
  }

  private static void handle(PrometheusMeterRegistry registry, HttpExchange exchange)
      throws IOException {
    try (exchange) {
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        respond(exchange, 404, "text/plain; charset=utf-8", "Not found: scrape " + PATH + "\n");
      } else if (!"GET".equals(exchange.getRequestMethod())
          && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, "text/plain; charset=utf-8", "Use GET\n");
      } else {
        respond(exchange, 200, CONTENT_TYPE, registry.scrape());
      }
    }
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /**
   * Returns the scrape URL.
   *
   * @return {@code http://127.0.0.1:PORT/metrics}
   */
  public String url() {
    return "http://" + HOST + ":" + port() + PATH;
  }

  /**
   * Returns the port the endpoint listens on.
   *
   * @return the bound port (never 0)
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops serving at once. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
