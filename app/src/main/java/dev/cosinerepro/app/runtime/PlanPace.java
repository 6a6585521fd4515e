package dev.cosinerepro.app.runtime;

import java.util.List;

/**
 * How fast a plan's epochs are trained now: the sum of the paces of the runs that report a training
 * step at this moment. Runs that are started but wait for a training slot, or sit between two
 * chunks, train nothing now and add nothing: counting them would multiply the pace by the number of
 * runs in flight (a plan with 12 runs started and one training slot showed an ETA 12 times too
 * short). When no run is training at the moment of the look (between chunks), the fastest pace
 * among the plan's running runs stands in, since at least one slot is about to take one of them.
 */
final class PlanPace {
  private PlanPace() {}

  /**
   * Epochs per second of the plan now.
   *
   * @param running the plan's runs in state RUNNING, with their heartbeats where they train
   * @return 0 when no running run has a pace yet
   */
  static double epochsPerSecond(List<LiveRun> running) {
    double training = 0;
    double fastestWaiting = 0;
    for (LiveRun run : running) {
      Double perEpoch = run.secondsPerEpoch();
      if (perEpoch == null || !(perEpoch > 0)) {
        continue;
      }
      if (run.training()) {
        training += 1 / perEpoch;
      } else {
        fastestWaiting = Math.max(fastestWaiting, 1 / perEpoch);
      }
    }
    return training > 0 ? training : fastestWaiting;
  }
}
