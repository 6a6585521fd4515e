package dev.cosinerepro.datasets.io;

import dev.cosinerepro.datasets.DatasetException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one file to a final path, safely:
 *
 * <ul>
 *   <li>HTTPS only; plain HTTP only to loopback hosts (for tests against a local server). HTTPS
 *       redirects are followed, never down to HTTP.
 *   <li>A present file that already matches its checksum is not downloaded again.
 *   <li>Bytes go to {@code <target>.part} beside the target; a later call resumes it with an HTTP
 *       {@code Range} request (a server that ignores the range gets a fresh download).
 *   <li>The finished temporary file is checked against the declared {@link Checksum}; on mismatch
 *       it is deleted and a {@link DatasetException} is thrown; on match it is renamed atomically
 *       onto the target.
 *   <li>Network errors, HTTP 5xx and 429 are retried with exponential backoff; other HTTP errors
 *       fail at once.
 *   <li>Progress (bytes and rate) goes to stderr through a progress bar.
 * </ul>
 *
 * Nothing is written outside the target's folder.
 */
public final class Downloader {
  private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

  private final HttpClient client;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration requestTimeout;
  private final boolean showProgress;

  private Downloader(Builder builder) {
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(builder.connectTimeout)
            .build();
    this.maxAttempts = builder.maxAttempts;
    this.initialBackoff = builder.initialBackoff;
    this.requestTimeout = builder.requestTimeout;
    this.showProgress = builder.showProgress;
  }

  /** A downloader with the defaults of {@link Builder}. */
  public static Downloader create() {
    return builder().build();
  }

  /** A builder; every option has a documented default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Makes {@code target} hold the verified file from {@code uri}, downloading only if needed.
   *
   * @param uri an {@code https} address (or {@code http} on a loopback host)
   * @param target the final path; its folder is created if missing
   * @param checksum the declared digest of the file
   * @return {@code target}
   * @throws DatasetException if the address is not allowed, the server refuses, retries run out or
   *     the checksum does not match; the message names the address and the remedy
   */
  public Path fetch(URI uri, Path target, Checksum checksum) {
    checkAllowed(uri);
    if (checksum.matches(target)) {
      LOG.debug("{} is present and verified, not downloading", target);
      return target;
    }
    Path temp = target.resolveSibling(target.getFileName() + ".part");
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      downloadWithRetries(uri, temp, target);
      String actual = checksum.compute(temp);
      if (!actual.equals(checksum.hex())) {
        Files.deleteIfExists(temp);
        throw new DatasetException(
            "The file downloaded from "
                + uri
                + " has "
                + checksum.describe()
                + " "
                + actual
                + " instead of "
                + checksum.hex()
                + ", so it was deleted; the server copy may"
                + " have changed, so download it by hand and put it at "
                + target
                + ".");
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      LOG.info("Downloaded and verified {}", target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("Writing " + temp + " failed", e);
    }
  }

  /** Rejects anything but https, and http to loopback hosts. */
  static void checkAllowed(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https") && uri.getHost() != null) {
      return;
    }
    if (scheme.equals("http") && isLoopback(uri.getHost())) {
      return;
    }
    throw new DatasetException(
        "Refusing to download from "
            + uri
            + " because only https addresses (or http on"
            + " 127.0.0.1/localhost for tests) are allowed; use the https address.");
  }

  /** Whether a host name is a loopback address: localhost, 127.x.x.x or ::1. */
  public static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    // Only literal addresses: no name lookup happens here.
    if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private void downloadWithRetries(URI uri, Path temp, Path target) throws IOException {
    Duration backoff = initialBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        downloadOnce(uri, temp);
        return;
      } catch (RetryableException e) {
        if (attempt >= maxAttempts) {
          throw new DatasetException(
              "Downloading "
                  + uri
                  + " failed after "
                  + attempt
                  + " attempts (last: "
                  + e.getMessage()
                  + "); check the network and run again, which resumes from "
                  + temp
                  + ", or put the file at "
                  + target
                  + " by hand.",
              e.getCause());
        }
        LOG.warn(
            "Downloading {} failed ({}), attempt {} of {}, retrying in {} ms",
            uri,
            e.getMessage(),
            attempt,
            maxAttempts,
            backoff.toMillis());
        sleep(backoff);
        backoff = backoff.multipliedBy(2);
      }
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatasetException("The download was interrupted; run it again to resume.", e);
    }
  }

  /** One HTTP exchange; throws RetryableException for transient failures. */
  private void downloadOnce(URI uri, Path temp) throws IOException, RetryableException {
    long have = Files.isRegularFile(temp) ? Files.size(temp) : 0;
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET();
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new RetryableException(e.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatasetException("The download of " + uri + " was interrupted; run it again.", e);
    }
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      boolean append;
      long total;
      if (status == 206 && have > 0) {
        long start = rangeStart(response);
        if (start != have) {
          // The server answered a different range: start over.
          Files.deleteIfExists(temp);
          throw new RetryableException("server returned range from " + start, null);
        }
        append = true;
        total = rangeTotal(response).orElse(-1);
      } else if (status == 200) {
        append = false;
        have = 0;
        total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      } else if (status == 416 && have > 0) {
        // Our partial file is as long as (or longer than) the file: let the checksum decide.
        return;
      } else if (status >= 500 || status == 429 || status == 408) {
        throw new RetryableException("HTTP " + status, null);
      } else {
        throw new DatasetException(
            "The server answered HTTP "
                + status
                + " for "
                + uri
                + "; check the address or download the file by hand.");
      }
      copy(body, temp, append, have, total, uri);
    }
  }

  private void copy(InputStream body, Path temp, boolean append, long have, long total, URI uri)
      throws RetryableException, IOException {
    StandardOpenOption mode =
        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
    ProgressBar bar = showProgress ? progressBar(uri, have, total) : null;
    try (OutputStream out =
        Files.newOutputStream(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
      byte[] buffer = new byte[1 << 16];
      long written = have;
      while (true) {
        int n;
        try {
          n = body.read(buffer);
        } catch (IOException e) {
          throw new RetryableException("connection lost after " + written + " bytes", e);
        }
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
        written += n;
        if (bar != null) {
          bar.stepTo(written);
        }
      }
      if (total >= 0 && written < total) {
        throw new RetryableException(
            "connection closed after " + written + " of " + total + " bytes", null);
      }
    } finally {
      if (bar != null) {
        bar.close();
      }
    }
  }

  private static ProgressBar progressBar(URI uri, long have, long total) {
    String path = uri.getPath() == null ? uri.toString() : uri.getPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    return new ProgressBarBuilder()
        .setTaskName(name)
        .setInitialMax(total)
        .setUnit("MiB", 1 << 20)
        .showSpeed()
        .setSpeedUnit(ChronoUnit.SECONDS)
        .startsFrom(have, Duration.ZERO)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .build();
  }

  private static long rangeStart(HttpResponse<?> response) {
    Matcher m = contentRange(response);
    return m == null ? -1 : Long.parseLong(m.group(1));
  }

  private static OptionalLong rangeTotal(HttpResponse<?> response) {
    Matcher m = contentRange(response);
    return m == null || m.group(3).equals("*")
        ? OptionalLong.empty()
        : OptionalLong.of(Long.parseLong(m.group(3)));
  }

  private static Matcher contentRange(HttpResponse<?> response) {
    String value = response.headers().firstValue("Content-Range").orElse("");
    Matcher m = CONTENT_RANGE.matcher(value.strip());
    return m.matches() ? m : null;
  }

  /** A transient failure worth another attempt. */
  private static final class RetryableException extends Exception {
    private static final long serialVersionUID = 1L;

    RetryableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Options of a {@link Downloader}. */
  public static final class Builder {
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofSeconds(2);
    private Duration connectTimeout = Duration.ofSeconds(30);
    private Duration requestTimeout = Duration.ofMinutes(2);
    private boolean showProgress = true;

    private Builder() {}

    /** Attempts per file, at least 1; default 5. */
    public Builder optMaxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Wait before the second attempt, doubled after each failure; default 2 s. */
    public Builder optInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
      return this;
    }

    /** TCP connect timeout; default 30 s. */
    public Builder optConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Timeout until the response headers arrive; default 2 min. */
    public Builder optRequestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    /** Whether to draw a progress bar on stderr; default true. */
    public Builder optProgress(boolean showProgress) {
      this.showProgress = showProgress;
      return this;
    }

    /** Builds the downloader. */
    public Downloader build() {
      return new Downloader(this);
    }
  }
}
