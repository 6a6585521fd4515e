package dev.cosinerepro.storage;

import io.minio.BucketExistsArgs;
import io.minio.Checksum;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bucket of an S3-compatible object store, reached through the MinIO client.
 *
 * <p>Writes come in two kinds: {@link #put} overwrites (progress, metrics logs), {@link
 * #putIfAbsent} writes once and never replaces (results, checkpoints). Reads either return an
 * {@link Optional} ({@link #get}) or fail naming the key ({@link #open}, {@link #download}). A
 * download lands in a temporary file next to the destination and is renamed into place only when
 * complete, so a broken transfer never leaves a half file behind.
 *
 * <p>Every failure is a {@link StorageException} with one sentence naming the endpoint and key.
 * Instances are thread-safe; close them when done.
 */
public final class ObjectStore implements AutoCloseable {

  // MinIO 9 throws its checked MinioException for S3 errors, but an IllegalStateException wrapping
  // the cause for I/O failures (connection refused, reset): every client call catches both.
  private static final Logger LOG = LoggerFactory.getLogger(ObjectStore.class);
  private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

  /**
   * The integrity checksum every upload carries: CRC32, which the JDK computes with the CPU's
   * carry-less multiply (0.008 s for 190 MiB here). Without a choice the client adds CRC32C, which
   * it computes in plain Java: 0.45 s of CPU for a 190 MB ResNet-50 checkpoint, 5 ms for a 2.2 MB
   * ResNet-20 one (docs/benchmarks/ChecksumMicro.java). Both detect the same errors, and S3 servers
   * check either.
   */
  private static final Checksum.Algorithm CHECKSUM = Checksum.Algorithm.CRC32;

  private static final long CONNECT_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(10);

  /**
   * The longest a read or write may stall. Under the training activity's one-minute heartbeat
   * timeout (no heartbeat goes out while a checkpoint uploads), so a call stuck on a connection
   * that went dead fails in its own attempt, which is retried, instead of outliving it.
   */
  private static final long IO_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(45);

  private static final Duration MAX_PRESIGN = Duration.ofDays(7);
  private static final Set<String> CREDENTIAL_ERRORS =
      Set.of(
          "AccessDenied",
          "InvalidAccessKeyId",
          "SignatureDoesNotMatch",
          "InvalidToken",
          "ExpiredToken",
          "AuthorizationHeaderMalformed");
  private static final Set<String> MISSING_ERRORS = Set.of("NoSuchKey", "NoSuchObject", "NotFound");

  private final MinioClient client;
  private final String endpoint;
  private final String bucket;

  private ObjectStore(MinioClient client, String endpoint, String bucket) {
    this.client = client;
    this.endpoint = endpoint;
    this.bucket = bucket;
  }

  /**
   * Connects, verifies the credentials with one cheap call (does the bucket exist?) and creates the
   * bucket if it is missing.
   *
   * @param settings where the store is and how to log in
   * @return the connected store
   * @throws StorageException if the endpoint cannot be reached, rejects the credentials or refuses
   *     to create the bucket
   */
  public static ObjectStore connect(S3Settings settings) {
    return connect(settings, null);
  }

  /**
   * Connects to an S3 endpoint whose HTTPS certificate comes from a private CA, and creates the
   * bucket if it does not exist.
   *
   * @param settings where the store is and how to log in
   * @param trustedCa PEM file of the CA certificates to trust instead of the system's, or {@code
   *     null} for the system's
   * @return the connected store
   * @throws IllegalArgumentException when the CA file holds no certificate
   * @throws StorageException as {@link #connect(S3Settings)}
   */
  public static ObjectStore connect(S3Settings settings, Path trustedCa) {
    Objects.requireNonNull(settings, "settings");
    MinioClient.Builder builder =
        MinioClient.builder()
            .endpoint(settings.endpoint())
            .credentials(settings.accessKey(), settings.secretKey());
    if (trustedCa != null) {
      builder.httpClient(TrustedCa.httpClient(trustedCa), true);
    }
    MinioClient client = builder.build();
    client.setTimeout(CONNECT_TIMEOUT_MS, IO_TIMEOUT_MS, IO_TIMEOUT_MS);
    ObjectStore store = new ObjectStore(client, settings.endpoint(), settings.bucket());
    try {
      store.ensureBucket(settings);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    LOG.debug("Connected to S3 endpoint {}, bucket {}", settings.endpoint(), settings.bucket());
    return store;
  }

  private void ensureBucket(S3Settings settings) {
    try {
      if (client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        return;
      }
    } catch (MinioException | IllegalStateException e) {
      throw connectFailure(settings, e);
    }
    try {
      client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
      LOG.info("Created bucket {} at {}", bucket, endpoint);
    } catch (MinioException | IllegalStateException e) {
      String code = errorCode(e);
      if ("BucketAlreadyOwnedByYou".equals(code) || "BucketAlreadyExists".equals(code)) {
        return; // created concurrently by another process
      }
      if (unreachable(e) || credentialError(e)) {
        throw connectFailure(settings, e);
      }
      throw new StorageException(
          "The S3 endpoint "
              + endpoint
              + " refused to create the bucket \""
              + bucket
              + "\" ("
              + detail(e)
              + "): create it yourself or choose another bucket.",
          e);
    }
  }

  private StorageException connectFailure(S3Settings settings, Exception e) {
    if (unreachable(e)) {
      return new StorageException(
          "Cannot reach the S3 endpoint "
              + endpoint
              + ": "
              + detail(e)
              + "; check that the object store is running and that the endpoint is right.",
          e);
    }
    if (credentialError(e)) {
      return new StorageException(
          "The S3 endpoint "
              + endpoint
              + " rejected the access key \""
              + settings.accessKey()
              + "\" ("
              + detail(e)
              + "): check REPRO_S3_ACCESS_KEY / REPRO_S3_SECRET_KEY (or the credentials file"
              + " in the repro data home).",
          e);
    }
    return new StorageException(
        "The S3 endpoint "
            + endpoint
            + " failed to check the bucket \""
            + bucket
            + "\" ("
            + detail(e)
            + "): check that the endpoint is an S3 API and the bucket name is right.",
        e);
  }

  /**
   * Returns the S3 endpoint this store talks to.
   *
   * @return the endpoint URL, for example {@code http://127.0.0.1:9000}
   */
  public String endpoint() {
    return endpoint;
  }

  /**
   * Returns the bucket this store reads and writes.
   *
   * @return the bucket name
   */
  public String bucket() {
    return bucket;
  }

  /**
   * Writes an object, replacing any object with the same key. For mutable objects such as progress
   * and metrics logs; write-once objects use {@link #putIfAbsent}.
   *
   * @param key the object key
   * @param data the content
   * @param contentType the MIME type, or {@code null} for {@code application/octet-stream}
   */
  public void put(String key, byte[] data, String contentType) {
    requireKey(key);
    Objects.requireNonNull(data, "data");
    try {
      client.putObject(putArgs(key, data, contentType, Map.of()));
    } catch (MinioException | IllegalStateException e) {
      throw failure("writing", key, e);
    }
  }

  /**
   * Uploads a file, streaming it (multipart for big files) rather than loading it into memory.
   * Replaces any object with the same key.
   *
   * @param key the object key
   * @param file a readable regular file
   * @param contentType the MIME type, or {@code null} for {@code application/octet-stream}
   * @throws IllegalArgumentException if {@code file} is not a readable regular file
   */
  public void putFile(String key, Path file, String contentType) {
    requireKey(key);
    Objects.requireNonNull(file, "file");
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException(
          "The file "
              + file.toAbsolutePath()
              + " to upload as \""
              + key
              + "\" is not a readable regular file: check the path.");
    }
    try {
      client.uploadObject(
          UploadObjectArgs.builder()
              .bucket(bucket)
              .object(key)
              .filename(file.toString())
              .contentType(contentType(contentType))
              .checksum(CHECKSUM)
              .build());
    } catch (MinioException | IllegalStateException e) {
      throw failure("uploading " + file.toAbsolutePath() + " as", key, e);
    }
  }

  /**
   * Writes an object only if no object with that key exists. For write-once objects (results,
   * checkpoints): an existing object is left untouched. The check is made before the upload and
   * again by the server ({@code If-None-Match: *}) where the server supports it, so two writers
   * racing for the same key cannot both win on such servers.
   *
   * @param key the object key
   * @param data the content
   * @param contentType the MIME type, or {@code null} for {@code application/octet-stream}
   * @return {@code true} if this call wrote the object, {@code false} if it already existed
   */
  public boolean putIfAbsent(String key, byte[] data, String contentType) {
    requireKey(key);
    Objects.requireNonNull(data, "data");
    return !exists(key) && conditionalPut(key, data, contentType);
  }

  /**
   * Uploads with {@code If-None-Match: *}, leaving the decision to the server. Package-private so
   * that a test can prove the server honours it.
   */
  boolean conditionalPut(String key, byte[] data, String contentType) {
    try {
      client.putObject(putArgs(key, data, contentType, Map.of("If-None-Match", "*")));
      return true;
    } catch (MinioException | IllegalStateException e) {
      String code = errorCode(e);
      int status = httpStatus(e);
      if (status == 412 || "PreconditionFailed".equals(code)) {
        return false;
      }
      if (status == 409 && "ConditionalRequestConflict".equals(code)) {
        return false; // another writer's conditional upload of this key was in flight
      }
      throw failure("writing", key, e);
    }
  }

  /**
   * Reads a whole object into memory. For small documents; stream big ones with {@link #open}.
   *
   * @param key the object key
   * @return the content, or empty if there is no such object
   */
  public Optional<byte[]> get(String key) {
    requireKey(key);
    try (GetObjectResponse in = client.getObject(getArgs(key))) {
      return Optional.of(in.readAllBytes());
    } catch (MinioException | IllegalStateException e) {
      if (missing(e)) {
        return Optional.empty();
      }
      throw failure("reading", key, e);
    } catch (IOException e) {
      throw new StorageException(
          "Reading \"" + key + "\" from the S3 endpoint " + endpoint + " broke off: " + e + ".", e);
    }
  }

  /**
   * Opens an object for streaming. The caller closes the stream.
   *
   * @param key the object key
   * @return the content stream
   * @throws StorageException if there is no such object (naming the key) or reading fails
   */
  public InputStream open(String key) {
    requireKey(key);
    try {
      return client.getObject(getArgs(key));
    } catch (MinioException | IllegalStateException e) {
      if (missing(e)) {
        throw notFound(key, e);
      }
      throw failure("reading", key, e);
    }
  }

  /**
   * Downloads an object to a file. The content goes to a temporary file in the destination's
   * folder, which is renamed onto the destination (atomically where the file system allows) only
   * after the whole object arrived; on any failure the temporary file is removed and the
   * destination is left as it was.
   *
   * @param key the object key
   * @param destination the file to create or replace; missing parent folders are created
   * @throws StorageException if there is no such object or the transfer fails
   */
  public void download(String key, Path destination) {
    requireKey(key);
    Path target = destination.toAbsolutePath();
    Path temp = null;
    try {
      Files.createDirectories(target.getParent());
      temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
      try (GetObjectResponse in = (GetObjectResponse) open(key)) {
        long copied = Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
        String length = in.headers().get("Content-Length");
        if (length != null && Long.parseLong(length) != copied) {
          throw new StorageException(
              "Downloading \""
                  + key
                  + "\" from the S3 endpoint "
                  + endpoint
                  + " stopped after "
                  + copied
                  + " of "
                  + length
                  + " bytes: try again.");
        }
      }
      moveIntoPlace(temp, target);
      temp = null;
    } catch (IOException e) {
      throw new StorageException(
          "Downloading \"" + key + "\" to " + target + " failed: " + e + ".", e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          LOG.warn("Could not remove the temporary file {}", temp, e);
        }
      }
    }
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Tells whether an object exists.
   *
   * @param key the object key
   * @return {@code true} if an object with exactly this key exists
   */
  public boolean exists(String key) {
    requireKey(key);
    try {
      client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
      return true;
    } catch (MinioException | IllegalStateException e) {
      if (missing(e)) {
        return false;
      }
      throw failure("checking", key, e);
    }
  }

  /**
   * Removes an object; removing a missing one is not an error. Only retention policies call this
   * (old checkpoints superseded by newer complete ones); results and reports are never removed.
   *
   * @param key the object key
   */
  public void delete(String key) {
    requireKey(key);
    try {
      client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
    } catch (MinioException | IllegalStateException e) {
      if (!missing(e)) {
        throw failure("removing", key, e);
      }
    }
  }

  /**
   * Lists the keys under a prefix, recursively.
   *
   * @param prefix a key prefix such as {@code runs/abc/}; empty lists the whole bucket
   * @return the keys in lexicographic order
   */
  public List<String> list(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    List<String> keys = new ArrayList<>();
    try {
      for (Result<Item> result :
          client.listObjects(
              ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
        Item item = result.get();
        if (!item.isDir()) {
          keys.add(item.objectName());
        }
      }
    } catch (MinioException | IllegalStateException e) {
      throw failure("listing", prefix, e);
    }
    keys.sort(null);
    return keys;
  }

  /**
   * Returns a URL that lets anyone holding it download the object, without credentials, for a
   * limited time. The object need not exist yet.
   *
   * @param key the object key
   * @param validity how long the URL works, 1 second to 7 days
   * @return the presigned GET URL
   */
  public String presignedGet(String key, Duration validity) {
    requireKey(key);
    if (validity == null
        || validity.compareTo(Duration.ofSeconds(1)) < 0
        || validity.compareTo(MAX_PRESIGN) > 0) {
      throw new IllegalArgumentException(
          "The presigned URL validity " + validity + " is out of range: use 1 second to 7 days.");
    }
    try {
      return client.getPresignedObjectUrl(
          GetPresignedObjectUrlArgs.builder()
              .method(Http.Method.GET)
              .bucket(bucket)
              .object(key)
              .expiry((int) validity.toSeconds(), TimeUnit.SECONDS)
              .build());
    } catch (MinioException | IllegalStateException e) {
      throw failure("presigning", key, e);
    }
  }

  /** Releases the HTTP client's connections and threads. */
  @Override
  public void close() {
    try {
      client.close();
    } catch (Exception e) {
      LOG.debug("Closing the MinIO client for {} failed", endpoint, e);
    }
  }

  private PutObjectArgs putArgs(
      String key, byte[] data, String contentType, Map<String, String> headers)
      throws MinioException {
    return PutObjectArgs.builder()
        .bucket(bucket)
        .object(key)
        .data(data, data.length)
        .contentType(contentType(contentType))
        .headers(headers)
        .checksum(CHECKSUM)
        .build();
  }

  private GetObjectArgs getArgs(String key) {
    return GetObjectArgs.builder().bucket(bucket).object(key).build();
  }

  private static String contentType(String contentType) {
    return contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType;
  }

  private static void requireKey(String key) {
    if (key == null
        || key.isEmpty()
        || key.startsWith("/")
        || key.getBytes(StandardCharsets.UTF_8).length > 1024) {
      throw new IllegalArgumentException(
          "The object key \""
              + key
              + "\" is not valid: use a non-empty key of at most 1024 bytes that does not start"
              + " with '/' (build keys with StoreKeys).");
    }
  }

  private StorageException notFound(String key, Exception e) {
    return new StorageException(
        "The object \""
            + key
            + "\" does not exist in the bucket \""
            + bucket
            + "\" at "
            + endpoint
            + ": check the key, or produce the object first.",
        e);
  }

  private StorageException failure(String action, String key, Exception e) {
    if (unreachable(e)) {
      return new StorageException(
          "Cannot reach the S3 endpoint "
              + endpoint
              + " while "
              + action
              + " \""
              + key
              + "\": "
              + detail(e)
              + "; check that the object store is running.",
          e);
    }
    if (credentialError(e)) {
      return new StorageException(
          "The S3 endpoint "
              + endpoint
              + " denied "
              + action
              + " \""
              + key
              + "\" ("
              + detail(e)
              + "): check the credentials and the bucket's access policy.",
          e);
    }
    return new StorageException(
        "The S3 endpoint "
            + endpoint
            + " failed "
            + action
            + " \""
            + key
            + "\" in the bucket \""
            + bucket
            + "\": "
            + detail(e)
            + ".",
        e);
  }

  private static boolean missing(Exception e) {
    String code = errorCode(e);
    return code != null && MISSING_ERRORS.contains(code)
        || httpStatus(e) == 404 && !"NoSuchBucket".equals(code);
  }

  private static boolean credentialError(Exception e) {
    String code = errorCode(e);
    int status = httpStatus(e);
    return code != null && CREDENTIAL_ERRORS.contains(code) || status == 401 || status == 403;
  }

  private static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException
          || t instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static ErrorResponseException errorResponse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ErrorResponseException ere) {
        return ere;
      }
    }
    return null;
  }

  private static String errorCode(Exception e) {
    ErrorResponseException ere = errorResponse(e);
    return ere == null || ere.errorResponse() == null ? null : ere.errorResponse().code();
  }

  private static int httpStatus(Exception e) {
    ErrorResponseException ere = errorResponse(e);
    return ere == null || ere.response() == null ? -1 : ere.response().code();
  }

  /** A short, single-line description of a client failure: the S3 error code or the I/O error. */
  private static String detail(Throwable e) {
    ErrorResponseException ere = errorResponse(e);
    if (ere != null && ere.errorResponse() != null) {
      String code = ere.errorResponse().code();
      String message = ere.errorResponse().message();
      return message == null || message.isBlank() ? code : code + ": " + oneLine(message);
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : oneLine(message);
  }

  /** The first sentence of a message, on one line, without its final period. */
  private static String oneLine(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    int sentenceEnd = line.indexOf(". ");
    if (sentenceEnd >= 0) {
      line = line.substring(0, sentenceEnd);
    }
    return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
  }
}
