package dev.cosinerepro.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the object store is and how to log in to it.
 *
 * <p>The constructor validates every field, so a settings value that exists is usable: the endpoint
 * is {@code http://host:port} or {@code https://host:port} without a path, the keys are not blank
 * and the bucket follows the S3 naming rules (3 to 63 characters of lower-case letters, digits,
 * dots and hyphens, starting and ending with a letter or digit, not shaped like an IP address).
 * {@link #toString()} hides the secret key.
 *
 * @param endpoint the S3 API base URL, for example {@code http://127.0.0.1:9000}
 * @param accessKey the access key (user name)
 * @param secretKey the secret key (password)
 * @param bucket the one bucket that holds every artifact, for example {@code repro}
 */
public record S3Settings(String endpoint, String accessKey, String secretKey, String bucket) {

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

  /** Validates the fields; see the class description for the rules. */
  public S3Settings {
    endpoint = validEndpoint(endpoint);
    if (accessKey == null || accessKey.isBlank()) {
      throw new IllegalArgumentException(
          "The S3 access key is empty: set REPRO_S3_ACCESS_KEY (or the credentials file).");
    }
    if (secretKey == null || secretKey.isBlank()) {
      throw new IllegalArgumentException(
          "The S3 secret key is empty: set REPRO_S3_SECRET_KEY (or the credentials file).");
    }
    if (bucket == null
        || !BUCKET.matcher(bucket).matches()
        || bucket.contains("..")
        || IP_ADDRESS.matcher(bucket).matches()) {
      throw new IllegalArgumentException(
          "The S3 bucket name \""
              + bucket
              + "\" is not valid: use 3 to 63 lower-case letters, digits, dots or hyphens,"
              + " starting and ending with a letter or digit (for example \"repro\").");
    }
  }

  /**
   * Checks an endpoint URL without credentials, so that a bad URL is named before anything else.
   *
   * @param endpoint the URL as given
   * @return it as {@code scheme://host:port}
   * @throws IllegalArgumentException naming the URL and the form to use
   */
  public static String validEndpoint(String endpoint) {
    String hint =
        "The S3 endpoint \""
            + endpoint
            + "\" is not valid: write it as http://host:port or https://host:port"
            + " (for example http://127.0.0.1:9000).";
    if (endpoint == null || endpoint.isBlank()) {
      throw new IllegalArgumentException(hint);
    }
    URI uri;
    try {
      uri = new URI(endpoint.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(hint, e);
    }
    boolean httpScheme = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    boolean noPath =
        uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath());
    if (!httpScheme
        || uri.getHost() == null
        || uri.getPort() <= 0
        || uri.getPort() > 65535
        || uri.getRawUserInfo() != null
        || !noPath
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(hint);
    }
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  /** Returns the settings with the secret key masked. */
  @Override
  public String toString() {
    return "S3Settings[endpoint="
        + endpoint
        + ", accessKey="
        + accessKey
        + ", secretKey=****, bucket="
        + bucket
        + "]";
  }

  /**
   * Returns a copy that points at another bucket.
   *
   * @param otherBucket the bucket name, validated like the constructor's
   * @return the new settings
   */
  public S3Settings withBucket(String otherBucket) {
    return new S3Settings(endpoint, accessKey, secretKey, Objects.requireNonNull(otherBucket));
  }
}
