package dev.cosinerepro.app.runtime;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;

/**
 * Temporal SDK metrics (workflow and activity task latencies, failures, poll counts) on a
 * Micrometer registry.
 */
public final class TemporalMetrics {
  private TemporalMetrics() {}

  /** The metrics scope to give the service stubs, reporting every 5 seconds. */
  public static Scope scope(MeterRegistry registry) {
    return new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(com.uber.m3.util.Duration.ofSeconds(5));
  }
}
