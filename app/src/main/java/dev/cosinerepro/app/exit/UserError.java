package dev.cosinerepro.app.exit;

/**
 * A problem the user can fix, with the one sentence that says how and the exit code to leave with.
 * The command line prints the message alone, without a stack trace.
 */
public final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /**
   * Creates the error.
   *
   * @param exitCode one of {@link ExitCodes}
   * @param message one sentence naming the input and what to do
   */
  public UserError(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** An input or usage error (exit code 2). */
  public static UserError input(String message) {
    return new UserError(ExitCodes.USAGE, message);
  }

  /** A service error (exit code 3). */
  public static UserError service(String message) {
    return new UserError(ExitCodes.SERVICE, message);
  }

  /** The exit code to leave with. */
  public int exitCode() {
    return exitCode;
  }
}
