package dev.cosinerepro.activities.data;

import dev.cosinerepro.workflows.activity.DataActivities;
import dev.cosinerepro.workflows.spec.DataRequest;
import dev.cosinerepro.workflows.spec.EmbeddingRef;
import dev.cosinerepro.workflows.spec.EmbeddingRequest;
import dev.cosinerepro.workflows.spec.PreparedData;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Data activities that heartbeat while they work, so that a download or cache build of many
 * gigabytes outlives the heartbeat timeout its options declare instead of timing out and starting
 * again beside itself on another worker. A worker that dies stops heartbeating, and the retry
 * starts within the timeout; the start-to-close timeout still bounds a stuck one.
 */
public final class HeartbeatingDataActivities implements DataActivities {
  /** How often a heartbeat goes out: well inside any heartbeat timeout of a minute or more. */
  static final Duration INTERVAL = Duration.ofSeconds(15);

  private final DataActivities delegate;

  /** Wraps the activities that do the work. */
  public HeartbeatingDataActivities(DataActivities delegate) {
    this.delegate = delegate;
  }

  @Override
  public PreparedData prepare(DataRequest request) {
    return heartbeating("preparing " + request.dataset(), () -> delegate.prepare(request));
  }

  @Override
  public EmbeddingRef embedding(EmbeddingRequest request) {
    return heartbeating("embedding " + request.embedding(), () -> delegate.embedding(request));
  }

  private static <T> T heartbeating(String what, Supplier<T> work) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    ScheduledExecutorService beat =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "data-heartbeat");
              thread.setDaemon(true);
              return thread;
            });
    long started = System.nanoTime();
    beat.scheduleAtFixedRate(
        () -> context.heartbeat(what + ", " + (System.nanoTime() - started) / 1_000_000_000 + " s"),
        0,
        INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
    try {
      return work.get();
    } finally {
      beat.shutdown(); // no interrupt: a heartbeat in flight finishes, the next is cancelled
    }
  }
}
