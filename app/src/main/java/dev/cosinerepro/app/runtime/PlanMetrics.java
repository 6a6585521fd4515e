package dev.cosinerepro.app.runtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A reproduction's progress for Prometheus, tagged by plan workflow id: {@code
 * repro_plan_eta_seconds} (the plan ETA that {@code repro status} and the progress bar show: the
 * remaining epochs at the pace of the runs training now; 0 once the plan is done; NaN while no run
 * has a pace), {@code repro_plan_epochs_remaining} and {@code repro_plan_epochs_planned}.
 */
public final class PlanMetrics {
  private final MeterRegistry registry;
  private final Map<String, PlanSeries> plans = new ConcurrentHashMap<>();

  /** Creates the series on a registry. */
  public PlanMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Sets the plan's series from one look at it.
   *
   * @param view the plan as {@link ProgressReader#plan} sees it
   */
  public void record(PlanView view) {
    PlanSeries series =
        plans.computeIfAbsent(
            view.progress().planWorkflowId(), id -> new PlanSeries(registry, Tags.of("plan", id)));
    boolean done = "done".equals(view.progress().phase());
    double remaining = done ? 0 : Math.max(0, view.totalEpochs() - view.doneEpochs());
    series.eta.set(done ? 0.0 : view.secondsLeft() == null ? Double.NaN : view.secondsLeft());
    series.remaining.set(remaining);
    series.total.set((double) view.totalEpochs());
  }

  private static final class PlanSeries {
    private final AtomicReference<Double> eta = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> remaining = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> total = new AtomicReference<>(Double.NaN);

    PlanSeries(MeterRegistry registry, Tags tags) {
      gauge(
          registry,
          "repro.plan.eta.seconds",
          "Seconds until the plan's last epoch at the pace of the runs training now",
          tags,
          eta);
      gauge(
          registry,
          "repro.plan.epochs.remaining",
          "Epochs of the plan not done yet (live steps by fraction)",
          tags,
          remaining);
      gauge(registry, "repro.plan.epochs.planned", "Epochs of the whole plan", tags, total);
    }

    private static void gauge(
        MeterRegistry registry,
        String name,
        String help,
        Tags tags,
        AtomicReference<Double> value) {
      Gauge.builder(name, value, AtomicReference::get)
          .description(help)
          .tags(tags)
          .strongReference(true)
          .register(registry);
    }
  }
}
