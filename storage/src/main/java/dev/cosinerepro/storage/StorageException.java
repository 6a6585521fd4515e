package dev.cosinerepro.storage;

/**
 * An object-store operation failed: the endpoint is unreachable, the credentials were rejected, an
 * object is missing or a transfer broke. The message is one sentence meant for the user; the cause,
 * when there is one, keeps the technical detail for the logs.
 */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a user-facing message.
   *
   * @param message one sentence naming the endpoint or key and the fix
   */
  public StorageException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a user-facing message and the underlying cause.
   *
   * @param message one sentence naming the endpoint or key and the fix
   * @param cause the client or I/O failure behind it
   */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
