package dev.cosinerepro.activities.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cosinerepro.workflows.spec.TrainingHeartbeat;
import org.junit.jupiter.api.Test;

class EpochPaceTest {

  /** A clock the test moves by hand, in seconds. */
  private static final class Clock {
    long nanos;

    void advance(double seconds) {
      nanos += (long) (seconds * 1e9);
    }
  }

  @Test
  void aSlowFirstStepDoesNotSetThePaceOfTheSteps() {
    Clock clock = new Clock();
    // 10 steps of 50 images, the last one of 20; 12 epochs
    EpochPace pace = new EpochPace(10, 12, 50, 470, () -> clock.nanos);
    clock.advance(20); // the first step of a resumed trainer: kernels built, code compiled
    TrainingHeartbeat first = pace.afterStep(3, 0, 2.0, 0.1);
    assertThat(first.stepsPerSecond()).isCloseTo(1 / 20.0, within(1e-9));
    assertThat(first.imagesPerSecond()).isCloseTo(50 / 20.0, within(1e-9));

    clock.advance(0.1);
    TrainingHeartbeat second = pace.afterStep(3, 1, 1.9, 0.1);
    assertThat(second.stepsPerSecond()).isCloseTo(10, within(1e-6));
    assertThat(second.imagesPerSecond()).isCloseTo(500, within(1e-6));
    // the epoch's seconds at this pace: 1, not 20 + 9 * 0.1 amortised over the first steps
    assertThat(second.secondsPerEpoch()).isCloseTo(1.0, within(1e-6));
    assertThat(second.epochsDone()).isCloseTo(3.2, within(1e-9));

    for (int step = 2; step < 10; step++) {
      clock.advance(0.1);
      second = pace.afterStep(3, step, 1.0, 0.1);
    }
    // 9 steps after the first in 0.9 s, their images 470 - 50
    assertThat(second.stepsPerSecond()).isCloseTo(10, within(1e-6));
    assertThat(second.imagesPerSecond()).isCloseTo(420 / 0.9, within(1e-6));
    assertThat(pace.afterEpoch(second, 4).epoch()).isEqualTo(4);
  }
}
