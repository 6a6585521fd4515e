package dev.cosinerepro.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cosinerepro.datasets.io.FileTrees;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium driven over the DevTools protocol (a WebSocket on 127.0.0.1, the JDK's
 * client): open a page, collect console errors and uncaught exceptions, evaluate script, take a
 * screenshot. Name resolution is switched off for every host but 127.0.0.1, so the browser cannot
 * reach out.
 */
final class HeadlessChromium implements AutoCloseable {
  /** Where Debian installs it ({@code apt-get install chromium}). */
  static final Path BINARY = Path.of("/usr/bin/chromium");

  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private String session;

  private HeadlessChromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** Whether Chromium is installed. */
  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** Starts Chromium with a fresh profile and one blank page. */
  static HeadlessChromium start() throws Exception {
    Path profile = Files.createTempDirectory("chromium-profile");
    Process process =
        new ProcessBuilder(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-domain-reliability",
                "--disable-sync",
                "--no-pings",
                "--disable-features=Translate,OptimizationHints,MediaRouter",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile,
                "--window-size=1280,1600",
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    BufferedReader stderr =
        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    String url = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (String line = stderr.readLine(); line != null; line = stderr.readLine()) {
      Matcher matcher = LISTENING.matcher(line);
      if (matcher.find()) {
        url = matcher.group(1);
        break;
      }
      if (System.nanoTime() > deadline) {
        break;
      }
    }
    if (url == null) {
      process.destroyForcibly();
      throw new IllegalStateException("Chromium did not print its DevTools address");
    }
    Thread drain =
        new Thread(
            () -> {
              try {
                while (stderr.readLine() != null) {
                  // keep the pipe empty
                }
              } catch (IOException closed) {
                // the browser is gone
              }
            },
            "chromium-stderr");
    drain.setDaemon(true);
    drain.start();
    HeadlessChromium[] self = new HeadlessChromium[1];
    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(URI.create(url), new Listener(self))
            .get(10, TimeUnit.SECONDS);
    self[0] = new HeadlessChromium(process, profile, socket);
    self[0].attach();
    return self[0];
  }

  private void attach() throws Exception {
    String target =
        call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
    session =
        call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
            .get("sessionId")
            .asText();
    call("Runtime.enable", Map.of());
    call("Log.enable", Map.of());
    call("Page.enable", Map.of());
    call(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", 1280, "height", 1600, "deviceScaleFactor", 1, "mobile", false));
  }

  /** Opens a URL in the page and waits for its load event. */
  void open(String url) throws Exception {
    int before = events.size();
    call("Page.navigate", Map.of("url", url));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (events.subList(before, events.size()).stream()
        .noneMatch(event -> "Page.loadEventFired".equals(event.path("method").asText()))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The page " + url + " did not load within 30 s");
      }
      Thread.sleep(50);
    }
  }

  /** Evaluates a script expression in the page (promises awaited) and returns its value. */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode reply =
        call(
            "Runtime.evaluate",
            Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (reply.has("exceptionDetails")) {
      throw new IllegalStateException(
          "Script failed: " + expression + ": " + reply.get("exceptionDetails"));
    }
    return reply.path("result").path("value");
  }

  /** Waits until a script expression is true in the page. */
  void waitFor(String expression, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!evaluate("Boolean(" + expression + ")").asBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Still false after " + timeout + ": " + expression);
      }
      Thread.sleep(100);
    }
  }

  /** Console errors, failed loads and uncaught exceptions seen so far, one line each. */
  List<String> errors() {
    List<String> errors = new ArrayList<>();
    for (JsonNode event : events) {
      JsonNode params = event.path("params");
      switch (event.path("method").asText()) {
        case "Runtime.consoleAPICalled" -> {
          String type = params.path("type").asText();
          if ("error".equals(type) || "assert".equals(type)) {
            errors.add("console." + type + ": " + params.path("args"));
          }
        }
        case "Runtime.exceptionThrown" ->
            errors.add("exception: " + params.path("exceptionDetails"));
        case "Log.entryAdded" -> {
          if ("error".equals(params.path("entry").path("level").asText())) {
            errors.add("log: " + params.path("entry").path("text").asText());
          }
        }
        default -> {}
      }
    }
    return errors;
  }

  /** Saves a PNG of the whole page (up to 6,000 pixels tall). */
  void screenshot(Path file) throws Exception {
    int height = Math.min(6000, evaluate("document.documentElement.scrollHeight").asInt(1600));
    call(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", 1280, "height", height, "deviceScaleFactor", 1, "mobile", false));
    String png = call("Page.captureScreenshot", Map.of("format", "png")).get("data").asText();
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode(png));
  }

  private JsonNode call(String method, Map<String, Object> params) throws Exception {
    return call(session, method, params);
  }

  private JsonNode call(String sessionId, String method, Map<String, Object> params)
      throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode();
    message.put("id", id).put("method", method).set("params", JSON.valueToTree(params));
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    JsonNode answer = reply.get(30, TimeUnit.SECONDS);
    if (answer.has("error")) {
      throw new IllegalStateException(method + " failed: " + answer.get("error"));
    }
    return answer.path("result");
  }

  private void receive(String text) {
    try {
      JsonNode message = JSON.readTree(text);
      if (message.has("id")) {
        CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
        if (reply != null) {
          reply.complete(message);
        }
      } else {
        events.add(message);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Unreadable DevTools message", e);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    } catch (Exception alreadyClosed) {
      // the browser is going away anyway
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    // Chromium's helper processes may still rename files in the profile as it goes: a walk that
    // meets a vanished file must not fail the test, so the project's quiet delete does it.
    FileTrees.deleteQuietly(profile);
  }

  /** Joins message fragments and hands whole messages to the browser object. */
  private static final class Listener implements WebSocket.Listener {
    private final HeadlessChromium[] owner;
    private final StringBuilder buffer = new StringBuilder();

    Listener(HeadlessChromium[] owner) {
      this.owner = owner;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        String text = buffer.toString();
        buffer.setLength(0);
        while (owner[0] == null) {
          Thread.onSpinWait();
        }
        owner[0].receive(text);
      }
      socket.request(1);
      return null;
    }
  }
}
