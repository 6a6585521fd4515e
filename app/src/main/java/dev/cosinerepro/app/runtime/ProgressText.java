package dev.cosinerepro.app.runtime;

import dev.cosinerepro.workflows.spec.RunProgress;
import dev.cosinerepro.workflows.spec.TrainingHeartbeat;
import java.util.Locale;

/** How progress reads in a terminal: run lines with bars, the live step, durations. */
public final class ProgressText {
  private static final int BAR = 30;

  private ProgressText() {}

  /**
   * One run on one line: a bar over its epochs (the live step's fraction included), epochs, state,
   * label, test accuracy, the step in progress and the ETA.
   */
  public static String runLine(LiveRun live) {
    RunProgress run = live.progress();
    double done = live.epochsDone();
    int filled =
        run.totalEpochs() == 0 ? 0 : (int) Math.floor(BAR * done / (double) run.totalEpochs());
    String bar = "#".repeat(filled) + ".".repeat(BAR - filled);
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "[%s] %4d/%-4d %-8s %s",
                bar,
                run.completedEpochs(),
                run.totalEpochs(),
                run.state().name().toLowerCase(Locale.ROOT),
                run.label()));
    if (run.lastTestAccuracy() != null) {
      text.append(String.format(Locale.ROOT, "  test %.2f%%", 100 * run.lastTestAccuracy()));
    }
    if (run.bestTestAccuracy() != null) {
      text.append(String.format(Locale.ROOT, " (best %.2f%%)", 100 * run.bestTestAccuracy()));
    }
    if (live.training()) {
      text.append("  ").append(step(live.heartbeat()));
    }
    Double left = live.secondsLeft();
    if (left != null && !run.state().ended()) {
      text.append("  ETA ").append(duration(left));
    }
    if (!live.worker().isEmpty()) {
      text.append("  on ").append(live.worker());
    }
    if (!run.message().isEmpty()) {
      text.append("  ").append(run.message());
    }
    return text.toString();
  }

  /** The step in progress: epoch, step, loss, learning rate and pace. */
  public static String step(TrainingHeartbeat beat) {
    return String.format(
        Locale.ROOT,
        "epoch %d step %d/%d loss %.4f lr %.4g %.1f img/s",
        beat.epoch() + 1,
        beat.step(),
        beat.stepsPerEpoch(),
        beat.loss(),
        beat.learningRate(),
        beat.imagesPerSecond());
  }

  /** A duration as {@code 1h02m} or {@code 3m07s}. */
  public static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }
}
