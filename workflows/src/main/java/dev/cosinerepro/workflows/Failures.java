package dev.cosinerepro.workflows;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;

/** Reads the message a user should see out of a chain of Temporal failures. */
public final class Failures {
  private Failures() {}

  /** The innermost application failure's message: the sentence an activity wrote for the user. */
  public static String rootMessage(Throwable failure) {
    Throwable current = failure;
    while (current.getCause() != null
        && (current instanceof ChildWorkflowFailure
            || current instanceof ActivityFailure
            || current.getCause() instanceof ApplicationFailure)) {
      current = current.getCause();
    }
    if (current instanceof ApplicationFailure application) {
      return application.getOriginalMessage();
    }
    return current.getMessage();
  }
}
