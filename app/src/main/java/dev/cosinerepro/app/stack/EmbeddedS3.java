package dev.cosinerepro.app.stack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible server (s3proxy) with the filesystem blob store under a folder, on 127.0.0.1.
 * Each bucket is a sub-folder and each object a plain file, so the data survive restarts and can be
 * inspected or backed up with ordinary tools. Requests must be signed (AWS V2 or V4) with the given
 * credentials.
 */
public final class EmbeddedS3 implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);
  private static final String HOST = "127.0.0.1";

  private final S3Proxy proxy;
  private final int port;
  private boolean closed;

  private EmbeddedS3(S3Proxy proxy, int port) {
    this.proxy = proxy;
    this.port = port;
  }

  /**
   * Starts the server.
   *
   * @param storeFolder the folder that holds the buckets; created if missing
   * @param credentials the only credentials the server accepts
   * @param port the port to listen on, or 0 for a free ephemeral port
   * @return the running server
   * @throws StackException if the folder cannot be created or the server cannot start
   */
  public static EmbeddedS3 start(Path storeFolder, S3Credentials credentials, int port) {
    Objects.requireNonNull(storeFolder, "storeFolder");
    Objects.requireNonNull(credentials, "credentials");
    StackPorts.check("S3", port);
    Path folder = storeFolder.toAbsolutePath();
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new StackException(
          "Cannot create the object-store folder "
              + folder
              + " ("
              + StackException.reason(e)
              + "): make the data folder writable or point REPRO_HOME elsewhere.",
          e);
    }
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(new FilesystemNio2BlobStore(folder.toString()))
            .endpoint(URI.create("http://" + HOST + ":" + port))
            .awsAuthentication(
                AuthenticationType.AWS_V2_OR_V4, credentials.accessKey(), credentials.secretKey())
            .stopTimeout(0)
            .build();
    try {
      proxy.start();
    } catch (Exception e) {
      stopQuietly(proxy);
      throw new StackException(
          "Cannot start the embedded S3 server on "
              + HOST
              + ":"
              + port
              + " ("
              + StackException.reason(e)
              + "): choose another port, or stop whatever listens there.",
          e);
    }
    int bound = proxy.getPort();
    LOG.debug("S3 server listening on {}:{}, data in {}", HOST, bound, folder);
    return new EmbeddedS3(proxy, bound);
  }

  /**
   * Returns the S3 API endpoint.
   *
   * @return {@code http://127.0.0.1:PORT}
   */
  public String endpoint() {
    return "http://" + HOST + ":" + port;
  }

  /**
   * Returns the port the server listens on.
   *
   * @return the bound port (never 0)
   */
  public int port() {
    return port;
  }

  /** Stops the server at once (in-flight requests are cut off). */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      stopQuietly(proxy);
    }
  }

  private static void stopQuietly(S3Proxy proxy) {
    try {
      proxy.stop();
    } catch (Exception e) {
      LOG.debug("Stopping s3proxy failed", e);
    }
  }
}
