package dev.cosinerepro.app.runtime;

import dev.cosinerepro.workflows.spec.PlanResult;
import dev.cosinerepro.workflows.spec.RunProgress;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Follows a running reproduction until it ends, drawing its progress: a progress bar over all
 * epochs of the plan on an interactive terminal, otherwise one line whenever a run advances. Both
 * move with every training heartbeat (the step in progress), not only when an epoch is committed.
 */
public final class PlanFollower {
  private static final long POLL_MILLIS = 500;

  /** The bar counts hundredths of an epoch, so it moves with every heartbeat, not every epoch. */
  private static final int TICKS_PER_EPOCH = 100;

  private final WorkflowClient client;
  private final PrintWriter err;
  private final boolean interactive;
  private final PlanMetrics metrics;

  /**
   * Creates a follower.
   *
   * @param client the Temporal client
   * @param err where progress goes
   * @param interactive whether to draw a progress bar (a terminal) or print lines (a log)
   */
  public PlanFollower(WorkflowClient client, PrintWriter err, boolean interactive) {
    this(client, err, interactive, null);
  }

  /**
   * Creates a follower that also sets the plan's series (its ETA among them) at every look.
   *
   * @param client the Temporal client
   * @param err where progress goes
   * @param interactive whether to draw a progress bar (a terminal) or print lines (a log)
   * @param metrics the plan series, or {@code null} for none
   */
  public PlanFollower(
      WorkflowClient client, PrintWriter err, boolean interactive, PlanMetrics metrics) {
    this.client = client;
    this.err = err;
    this.interactive = interactive;
    this.metrics = metrics;
  }

  /**
   * Waits for the reproduction to end, drawing progress meanwhile.
   *
   * @param workflowId the reproduction's workflow id
   * @return its result
   * @throws ExecutionException when the workflow itself failed
   * @throws InterruptedException when interrupted
   */
  public PlanResult follow(String workflowId) throws ExecutionException, InterruptedException {
    WorkflowStub untyped = client.newUntypedWorkflowStub(workflowId);
    CompletableFuture<PlanResult> result = untyped.getResultAsync(PlanResult.class);
    ProgressReader reader = new ProgressReader(client);
    ProgressBar bar = null;
    String lastLine = "";
    try {
      while (true) {
        try {
          PlanResult done = result.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
          snapshot(reader, workflowId, metrics);
          return done;
        } catch (TimeoutException stillRunning) {
          // draw below
        }
        Snapshot snapshot = snapshot(reader, workflowId, metrics);
        if (snapshot == null) {
          continue;
        }
        if (interactive) {
          if (bar == null) {
            bar = newBar(snapshot.totalEpochs());
          }
          bar.maxHint(snapshot.totalEpochs() * TICKS_PER_EPOCH);
          bar.stepTo(Math.round(snapshot.doneEpochs() * TICKS_PER_EPOCH));
          bar.setExtraMessage(snapshot.message());
        } else {
          String line =
              String.format(
                  Locale.ROOT,
                  "[%.2f/%d epochs] %s",
                  snapshot.doneEpochs(),
                  snapshot.totalEpochs(),
                  snapshot.message());
          if (!line.equals(lastLine)) {
            err.println(line);
            err.flush();
            lastLine = line;
          }
        }
      }
    } finally {
      if (bar != null) {
        bar.close();
      }
    }
  }

  private ProgressBar newBar(long totalEpochs) {
    return new ProgressBarBuilder()
        .setTaskName("training")
        .setInitialMax(totalEpochs * TICKS_PER_EPOCH)
        .setUnit(" epochs", TICKS_PER_EPOCH)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250)
        .continuousUpdate()
        .build();
  }

  /** Where the plan stands, or {@code null} when the workflow cannot be queried yet. */
  static Snapshot snapshot(ProgressReader reader, String workflowId, PlanMetrics metrics) {
    PlanView view;
    try {
      view = reader.plan(workflowId);
    } catch (RuntimeException notYet) {
      return null;
    }
    if (metrics != null) {
      metrics.record(view);
    }
    List<String> running = view.runningRuns().stream().map(PlanFollower::describe).toList();
    String message =
        "reporting".equals(view.progress().phase())
            ? "writing the report"
            : running.isEmpty() ? "waiting" : String.join("; ", running);
    if (view.secondsLeft() != null) {
      message = "plan ETA " + ProgressText.duration(view.secondsLeft()) + "; " + message;
    }
    return new Snapshot(view.doneEpochs(), view.totalEpochs(), message);
  }

  private static String describe(LiveRun live) {
    RunProgress run = live.progress();
    StringBuilder text = new StringBuilder(run.label());
    if (live.training()) {
      text.append(' ').append(ProgressText.step(live.heartbeat()));
    } else {
      text.append(" epoch ").append(run.completedEpochs()).append('/').append(run.totalEpochs());
    }
    if (run.lastTestAccuracy() != null) {
      text.append(String.format(Locale.ROOT, ", test %.1f%%", 100 * run.lastTestAccuracy()));
    }
    Double left = live.secondsLeft();
    if (left != null) {
      text.append(", ETA ").append(ProgressText.duration(left));
    }
    return text.toString();
  }

  /** One look at the plan: epochs done (live steps by fraction), epochs planned, what runs. */
  record Snapshot(double doneEpochs, long totalEpochs, String message) {}
}
