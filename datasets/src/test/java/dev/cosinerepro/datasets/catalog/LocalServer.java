package dev.cosinerepro.datasets.catalog;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A loopback HTTP server for downloader tests: serves byte arrays, honours Range, can fail. */
public final class LocalServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final List<String> rangeHeaders = new CopyOnWriteArrayList<>();

  private LocalServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** An empty server on 127.0.0.1 and an ephemeral port. */
  public static LocalServer start() throws IOException {
    return new LocalServer();
  }

  /** Serves every file of a folder under {@code /fashion/<name>}. */
  static LocalServer serving(Path folder) throws IOException {
    LocalServer server = start();
    try (Stream<Path> list = Files.list(folder)) {
      for (Path file : list.toList()) {
        server.put("/fashion/" + file.getFileName(), Files.readAllBytes(file));
      }
    }
    return server;
  }

  /** Serves {@code content} at {@code path}. */
  public void put(String path, byte[] content) {
    files.put(path, content);
  }

  /** The next {@code count} requests get HTTP 500. */
  public void failNext(int count) {
    failuresLeft.set(count);
  }

  /** Requests received so far. */
  public int requests() {
    return requests.get();
  }

  /** The Range headers received, in order. */
  public List<String> rangeHeaders() {
    return rangeHeaders;
  }

  /** The address of {@code path} on this server. */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        exchange.sendResponseHeaders(500, -1);
        return;
      }
      byte[] content = files.get(exchange.getRequestURI().getPath());
      if (content == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String range = exchange.getRequestHeaders().getFirst("Range");
      int start = 0;
      if (range != null) {
        rangeHeaders.add(range);
        Matcher m = RANGE.matcher(range);
        if (m.matches()) {
          start = Integer.parseInt(m.group(1));
        }
        if (start >= content.length) {
          exchange.getResponseHeaders().add("Content-Range", "bytes */" + content.length);
          exchange.sendResponseHeaders(416, -1);
          return;
        }
        exchange
            .getResponseHeaders()
            .add(
                "Content-Range",
                "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
        exchange.sendResponseHeaders(206, content.length - start);
      } else {
        exchange.sendResponseHeaders(200, content.length);
      }
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(content, start, content.length - start);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
