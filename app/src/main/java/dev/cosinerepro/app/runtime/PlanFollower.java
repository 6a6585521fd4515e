package dev.cosinerepro.app.runtime;

import dev.cosinerepro.workflows.group.GroupWorkflow;
import dev.cosinerepro.workflows.plan.ReproductionWorkflow;
import dev.cosinerepro.workflows.run.RunWorkflow;
import dev.cosinerepro.workflows.spec.GroupProgress;
import dev.cosinerepro.workflows.spec.PlanProgress;
import dev.cosinerepro.workflows.spec.PlanResult;
import dev.cosinerepro.workflows.spec.RunProgress;
import dev.cosinerepro.workflows.spec.RunState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.util.ArrayList;
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
 * epochs of the plan on an interactive terminal, otherwise one line whenever a run advances.
 */
public final class PlanFollower {
  private static final long POLL_MILLIS = 500;

  private final WorkflowClient client;
  private final PrintWriter err;
  private final boolean interactive;

  /**
   * Creates a follower.
   *
   * @param client the Temporal client
   * @param err where progress goes
   * @param interactive whether to draw a progress bar (a terminal) or print lines (a log)
   */
  public PlanFollower(WorkflowClient client, PrintWriter err, boolean interactive) {
    this.client = client;
    this.err = err;
    this.interactive = interactive;
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
    ReproductionWorkflow plan = client.newWorkflowStub(ReproductionWorkflow.class, workflowId);
    ProgressBar bar = null;
    String lastLine = "";
    try {
      while (true) {
        try {
          return result.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
          // draw below
        }
        Snapshot snapshot = snapshot(plan);
        if (snapshot == null) {
          continue;
        }
        if (interactive) {
          if (bar == null) {
            bar = newBar(snapshot.totalEpochs());
          }
          bar.maxHint(snapshot.totalEpochs());
          bar.stepTo(snapshot.doneEpochs());
          bar.setExtraMessage(snapshot.message());
        } else {
          String line =
              String.format(
                  Locale.ROOT,
                  "[%d/%d epochs] %s",
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

  private ProgressBar newBar(long total) {
    return new ProgressBarBuilder()
        .setTaskName("training")
        .setInitialMax(total)
        .setUnit(" epochs", 1)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250)
        .continuousUpdate()
        .build();
  }

  /** Where the plan stands, or {@code null} when the workflow cannot be queried yet. */
  Snapshot snapshot(ReproductionWorkflow plan) {
    PlanProgress progress;
    try {
      progress = plan.progress();
    } catch (RuntimeException notYet) {
      return null;
    }
    long total = 0;
    long done = 0;
    List<String> running = new ArrayList<>();
    for (GroupProgress group : progress.groups()) {
      total += group.plannedEpochs();
      if (group.state().ended()) {
        done += group.plannedEpochs();
        continue;
      }
      if (group.state() != RunState.RUNNING) {
        continue;
      }
      long groupDone = 0;
      for (RunProgress run : groupRuns(group)) {
        RunProgress live = run.state() == RunState.RUNNING ? liveProgress(run) : run;
        groupDone += live.state().ended() ? live.totalEpochs() : live.completedEpochs();
        if (live.state() == RunState.RUNNING) {
          running.add(describe(live));
        }
      }
      done += Math.min(groupDone, group.plannedEpochs());
    }
    String message =
        "reporting".equals(progress.phase())
            ? "writing the report"
            : running.isEmpty() ? "waiting" : String.join("; ", running);
    return new Snapshot(done, total, message);
  }

  private List<RunProgress> groupRuns(GroupProgress group) {
    try {
      return client.newWorkflowStub(GroupWorkflow.class, group.workflowId()).runs();
    } catch (RuntimeException notStartedYet) {
      return List.of();
    }
  }

  private RunProgress liveProgress(RunProgress run) {
    try {
      RunProgress live =
          client.newWorkflowStub(RunWorkflow.class, RunWorkflow.workflowId(run.runId())).progress();
      return live == null ? run : live;
    } catch (RuntimeException notStartedYet) {
      return run;
    }
  }

  private static String describe(RunProgress run) {
    String accuracy =
        run.lastTestAccuracy() == null
            ? ""
            : String.format(Locale.ROOT, ", test %.1f%%", 100 * run.lastTestAccuracy());
    return run.label() + " epoch " + run.completedEpochs() + "/" + run.totalEpochs() + accuracy;
  }

  /** One look at the plan. */
  record Snapshot(long doneEpochs, long totalEpochs, String message) {}
}
