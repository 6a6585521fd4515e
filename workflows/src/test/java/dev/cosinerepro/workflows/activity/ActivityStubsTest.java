package dev.cosinerepro.workflows.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every activity's retry policy rides out an object-store outage of a minute (issue 13) even when
 * every attempt fails at once (connection refused): the backoff before its last attempt adds up to
 * more than 60 s, with room for the attempts themselves.
 */
class ActivityStubsTest {
  private static final Duration OUTAGE = Duration.ofSeconds(60);

  @Test
  void everyRetryPolicyWaitsLongerThanAMinuteOutageBeforeGivingUp() {
    Map<String, ActivityOptions> stubs =
        Map.of(
            "ledger", ActivityStubs.ledger(),
            "dataPreparation", ActivityStubs.dataPreparation(),
            "training", ActivityStubs.training());
    for (Map.Entry<String, ActivityOptions> stub : stubs.entrySet()) {
      Duration waited = backoffBeforeLastAttempt(stub.getValue().getRetryOptions());
      assertThat(waited)
          .as("%s: backoff before its last attempt", stub.getKey())
          .isGreaterThan(OUTAGE.multipliedBy(3).dividedBy(2));
    }
  }

  /** The sum of the retry intervals between the first and the last attempt. */
  private static Duration backoffBeforeLastAttempt(RetryOptions retry) {
    Duration total = Duration.ZERO;
    double interval = retry.getInitialInterval().toMillis();
    for (int attempt = 1; attempt < retry.getMaximumAttempts(); attempt++) {
      total = total.plusMillis((long) Math.min(interval, retry.getMaximumInterval().toMillis()));
      interval *= retry.getBackoffCoefficient();
    }
    return total;
  }
}
