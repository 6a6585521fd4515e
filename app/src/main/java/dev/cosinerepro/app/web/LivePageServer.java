package dev.cosinerepro.app.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cosinerepro.activities.ledger.RunRecord;
import dev.cosinerepro.activities.report.ReportActivitiesImpl;
import dev.cosinerepro.app.stack.StackException;
import dev.cosinerepro.app.stack.StackPorts;
import dev.cosinerepro.storage.Json;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.StoreKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the live page on 127.0.0.1, read-only (GET and HEAD only):
 *
 * <ul>
 *   <li>{@code /} the page itself (inline CSS and script, no external asset), which polls:
 *   <li>{@code /api/status} every known reproduction ({@link LiveStatus}) as JSON;
 *   <li>{@code /api/curves/<run id>} a run's committed epochs as JSON;
 *   <li>{@code /report/<plan workflow id>} the reproduction's {@code report.html} from the store.
 * </ul>
 */
public final class LivePageServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LivePageServer.class);
  private static final String HOST = "127.0.0.1";
  private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{16}");
  private static final String JSON = "application/json";
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String HTML = "text/html; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;
  private final LiveStatus status;
  private final ObjectStore store;
  private final byte[] page;

  private LivePageServer(
      HttpServer server, ExecutorService executor, LiveStatus status, ObjectStore store) {
    this.server = server;
    this.executor = executor;
    this.status = status;
    this.store = store;
    this.page = resource("live.html");
  }

  /**
   * Starts serving.
   *
   * @param status where the reproductions stand
   * @param store the object store (metrics logs and reports)
   * @param port the port, or 0 for a free ephemeral one
   * @throws StackException if the port is taken
   */
  public static LivePageServer start(LiveStatus status, ObjectStore store, int port) {
    StackPorts.check("live page", port);
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(HOST, port), 0);
    } catch (IOException e) {
      throw new StackException(
          "Cannot start the live page on "
              + HOST
              + ":"
              + port
              + " ("
              + StackException.reason(e)
              + "): choose another --page-port, or stop whatever listens there.",
          e);
    }
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            task -> {
              Thread thread = new Thread(task, "live-page-http");
              thread.setDaemon(true);
              return thread;
            });
    LivePageServer live = new LivePageServer(server, executor, status, store);
    server.createContext("/", live::handle);
    server.setExecutor(executor);
    server.start();
    return live;
  }

  /** The page's URL: {@code http://127.0.0.1:PORT/}. */
  public String url() {
    return "http://" + HOST + ":" + server.getAddress().getPort() + "/";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!"GET".equals(method) && !"HEAD".equals(method)) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, TEXT, utf8("The live page is read-only: use GET.\n"));
        return;
      }
      String path = exchange.getRequestURI().getPath();
      try {
        route(exchange, path);
      } catch (RuntimeException e) {
        LOG.warn("Live page: {} failed", path, e);
        respond(exchange, 503, TEXT, utf8("Cannot read " + path + ": " + e.getMessage() + "\n"));
      }
    }
  }

  private void route(HttpExchange exchange, String path) throws IOException {
    if ("/".equals(path)) {
      respond(exchange, 200, HTML, page);
    } else if ("/api/status".equals(path)) {
      respond(exchange, 200, JSON, Json.write(status.plans()));
    } else if (path.startsWith("/api/curves/") && RUN_ID.matcher(path.substring(12)).matches()) {
      respond(exchange, 200, JSON, Json.write(RunRecord.storedEpochs(store, path.substring(12))));
    } else if (path.startsWith("/report/")) {
      Optional<byte[]> report = report(path.substring(8));
      if (report.isPresent()) {
        respond(exchange, 200, HTML, report.get());
      } else {
        respond(exchange, 404, TEXT, utf8("No report.html for " + path.substring(8) + " yet.\n"));
      }
    } else if ("/favicon.ico".equals(path)) {
      exchange.sendResponseHeaders(204, -1);
    } else {
      respond(exchange, 404, TEXT, utf8("Not found: " + path + " (the page is at /).\n"));
    }
  }

  private Optional<byte[]> report(String planWorkflowId) {
    String key;
    try {
      key = StoreKeys.report(planWorkflowId, ReportActivitiesImpl.HTML);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return store.get(key);
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] resource(String name) {
    try (InputStream in = LivePageServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("The live page resource " + name + " is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops serving at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
