package dev.cosinerepro.app.exit;

/**
 * The exit codes of every {@code repro} command. They are part of the command line's contract.
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><th>code</th><th>meaning</th></tr>
 *   <tr><td>0</td><td>success</td></tr>
 *   <tr><td>1</td><td>the plan ran, but at least one run failed (the report lists which and why)</td></tr>
 *   <tr><td>2</td><td>a usage or input error: unknown command, option, plan or key; a bad plan file or dataset</td></tr>
 *   <tr><td>3</td><td>a service is unreachable or refused us: Temporal, the S3 endpoint, wrong credentials</td></tr>
 *   <tr><td>4</td><td>an unexpected internal error (a bug: the stack trace is printed)</td></tr>
 *   <tr><td>130</td><td>interrupted (Ctrl-C)</td></tr>
 * </table>
 */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** At least one run of the plan failed. */
  public static final int RUN_FAILED = 1;

  /** A usage or input error. */
  public static final int USAGE = 2;

  /** A service is unreachable or refused the request. */
  public static final int SERVICE = 3;

  /** An unexpected internal error. */
  public static final int INTERNAL = 4;

  /** Interrupted. */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
