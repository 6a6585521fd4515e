package dev.cosinerepro.activities;

import dev.cosinerepro.workflows.FailureTypes;
import io.temporal.failure.ApplicationFailure;

/**
 * Turns permanent problems into non-retryable Temporal failures whose message is the user's
 * sentence.
 */
public final class Failures {
  private Failures() {}

  /** A wrong input: retrying cannot help. */
  public static ApplicationFailure invalidInput(String message, Throwable cause) {
    return ApplicationFailure.newNonRetryableFailureWithCause(
        message, FailureTypes.INVALID_INPUT, cause);
  }

  /** A wrong input: retrying cannot help. */
  public static ApplicationFailure invalidInput(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureTypes.INVALID_INPUT);
  }
}
