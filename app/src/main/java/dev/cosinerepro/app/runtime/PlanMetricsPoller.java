package dev.cosinerepro.app.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps the plan series of {@link PlanMetrics} current in a process that serves metrics but follows
 * no plan ({@code repro up}): every period it looks at the given plans the way {@code repro status}
 * does (a few describes) and records them. A plan that cannot be read (not started yet, unknown to
 * the service) is left as it was.
 */
public final class PlanMetricsPoller implements AutoCloseable {
  private final ScheduledExecutorService timer;

  private PlanMetricsPoller(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /**
   * Starts polling at once.
   *
   * @param reader how plans are read
   * @param planIds the plan workflow ids to follow, asked again at every poll
   * @param metrics where the series go
   * @param period time between polls
   * @return the poller; close it to stop
   */
  public static PlanMetricsPoller start(
      ProgressReader reader, Supplier<List<String>> planIds, PlanMetrics metrics, Duration period) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "plan-metrics");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(
        () -> poll(reader, planIds, metrics), 0, period.toMillis(), TimeUnit.MILLISECONDS);
    return new PlanMetricsPoller(timer);
  }

  private static void poll(
      ProgressReader reader, Supplier<List<String>> planIds, PlanMetrics metrics) {
    List<String> ids;
    try {
      ids = planIds.get();
    } catch (RuntimeException unreadable) {
      return;
    }
    for (String id : ids) {
      try {
        metrics.record(reader.plan(id));
      } catch (RuntimeException notReadableNow) {
        // left as it was; the next poll tries again
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
