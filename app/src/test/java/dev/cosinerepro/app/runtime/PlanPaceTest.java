package dev.cosinerepro.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cosinerepro.workflows.spec.RunProgress;
import dev.cosinerepro.workflows.spec.RunState;
import dev.cosinerepro.workflows.spec.TrainingHeartbeat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan's pace counts the runs training now, not every run in flight. */
class PlanPaceTest {

  @Test
  void runsWaitingForASlotAddNothingToThePace() {
    // one worker slot: one run trains at 8 s an epoch, eleven started runs wait (each with the
    // pace of its earlier chunks)
    List<LiveRun> running = new ArrayList<>();
    running.add(run(8.0, true));
    for (int i = 0; i < 11; i++) {
      running.add(run(7.0 + i, false));
    }
    assertThat(PlanPace.epochsPerSecond(running)).isCloseTo(1 / 8.0, within(1e-12));
  }

  @Test
  void runsTrainingOnSeveralWorkersAddUp() {
    assertThat(PlanPace.epochsPerSecond(List.of(run(8.0, true), run(4.0, true), run(2.0, false))))
        .isCloseTo(1 / 8.0 + 1 / 4.0, within(1e-12));
  }

  @Test
  void betweenChunksTheFastestRunningRunStandsIn() {
    assertThat(PlanPace.epochsPerSecond(List.of(run(8.0, false), run(5.0, false))))
        .isCloseTo(1 / 5.0, within(1e-12));
    assertThat(PlanPace.epochsPerSecond(List.of(run(null, false)))).isZero();
    assertThat(PlanPace.epochsPerSecond(List.of())).isZero();
  }

  private static LiveRun run(Double secondsPerEpoch, boolean training) {
    RunProgress progress =
        new RunProgress("r", "run", RunState.RUNNING, 4, 28, 0.5, 0.5, secondsPerEpoch, "");
    TrainingHeartbeat heartbeat =
        training ? new TrainingHeartbeat(4, 10, 40, 28, 0.3, 0.01, 400, 8) : null;
    return new LiveRun(progress, heartbeat, training ? "worker" : "");
  }
}
