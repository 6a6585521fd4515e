/**
 * The {@code repro} command line (picocli). Each command is a small {@code Callable<Integer>} whose
 * return value is the documented exit code (see {@link dev.cosinerepro.app.cli.ExitCodes}); a
 * user's mistake becomes one line on stderr, never a stack trace.
 */
package dev.cosinerepro.app.cli;
