package dev.cosinerepro.app.stack;

/**
 * A part of the embedded stack could not start or its configuration is unusable (a port is taken,
 * the credentials file is unreadable). The message is one sentence for the user naming the service
 * or file and the fix; the cause keeps the technical detail.
 */
public final class StackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a user-facing message.
   *
   * @param message one sentence naming what failed and the fix
   */
  public StackException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a user-facing message and the underlying cause.
   *
   * @param message one sentence naming what failed and the fix
   * @param cause the failure behind it
   */
  public StackException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Returns the first line of a throwable's message, or its class name when it has none. */
  public static String reason(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
