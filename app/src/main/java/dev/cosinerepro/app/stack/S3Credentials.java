package dev.cosinerepro.app.stack;

/**
 * The access key and secret key of the S3 store. {@link #toString()} hides the secret.
 *
 * @param accessKey the access key (user name), not blank
 * @param secretKey the secret key (password), not blank
 */
public record S3Credentials(String accessKey, String secretKey) {

  /** Rejects blank keys. */
  public S3Credentials {
    if (accessKey == null || accessKey.isBlank()) {
      throw new IllegalArgumentException(
          "The S3 access key is empty: set REPRO_S3_ACCESS_KEY or fix the credentials file.");
    }
    if (secretKey == null || secretKey.isBlank()) {
      throw new IllegalArgumentException(
          "The S3 secret key is empty: set REPRO_S3_SECRET_KEY or fix the credentials file.");
    }
  }

  /** Returns the access key with the secret masked. */
  @Override
  public String toString() {
    return "S3Credentials[accessKey=" + accessKey + ", secretKey=****]";
  }
}
