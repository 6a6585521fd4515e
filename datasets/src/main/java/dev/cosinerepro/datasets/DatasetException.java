package dev.cosinerepro.datasets;

/**
 * A dataset input is missing, corrupt or inconsistent. The message is one sentence that names the
 * file or input and says what to do about it.
 */
public class DatasetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message one sentence naming the input and the remedy
   */
  public DatasetException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message one sentence naming the input and the remedy
   * @param cause the underlying failure
   */
  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
