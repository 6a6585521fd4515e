package dev.cosinerepro.workflows.activity;

import dev.cosinerepro.workflows.FailureTypes;
import dev.cosinerepro.workflows.TaskQueues;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * The options every workflow uses for its activities: queues, timeouts and retries in one place.
 *
 * <p>Training heartbeats at least every few seconds, so a heartbeat timeout of one minute notices a
 * dead worker within a minute; the retry then resumes from the latest complete checkpoint on
 * whichever worker picks it up.
 */
public final class ActivityStubs {

  private ActivityStubs() {}

  /** Light activities on the cpu queue: the run ledger and reports. */
  public static ActivityOptions ledger() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.CPU)
        .setStartToCloseTimeout(Duration.ofMinutes(10))
        .setRetryOptions(retries(10))
        .build();
  }

  /**
   * Data preparation on the cpu queue: may download and decode for hours; it heartbeats every 15 s
   * while it works, so a dead worker is noticed within the heartbeat timeout. Eight attempts wait 2
   * minutes in all between them (1 + 2 + 4 + ... + 60 s), so an object store down for a minute is
   * ridden out; five waited 15 s.
   */
  public static ActivityOptions dataPreparation() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.CPU)
        .setStartToCloseTimeout(Duration.ofHours(6))
        .setHeartbeatTimeout(Duration.ofMinutes(2))
        .setRetryOptions(retries(8))
        .build();
  }

  /** A training chunk on the gpu queue. */
  public static ActivityOptions training() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.GPU)
        .setStartToCloseTimeout(Duration.ofHours(48))
        .setHeartbeatTimeout(Duration.ofMinutes(1))
        .setRetryOptions(retries(20))
        .build();
  }

  private static RetryOptions retries(int attempts) {
    return RetryOptions.newBuilder()
        .setInitialInterval(Duration.ofSeconds(1))
        .setBackoffCoefficient(2)
        .setMaximumInterval(Duration.ofMinutes(1))
        .setMaximumAttempts(attempts)
        .setDoNotRetry(FailureTypes.NON_RETRYABLE.toArray(new String[0]))
        .build();
  }
}
