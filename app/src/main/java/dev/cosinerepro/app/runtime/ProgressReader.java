package dev.cosinerepro.app.runtime;

import dev.cosinerepro.workflows.group.GroupWorkflow;
import dev.cosinerepro.workflows.plan.ReproductionWorkflow;
import dev.cosinerepro.workflows.run.RunWorkflow;
import dev.cosinerepro.workflows.spec.GroupProgress;
import dev.cosinerepro.workflows.spec.PlanProgress;
import dev.cosinerepro.workflows.spec.RunProgress;
import dev.cosinerepro.workflows.spec.RunState;
import dev.cosinerepro.workflows.spec.TrainingHeartbeat;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads where reproductions and runs stand, for {@code repro status}, the progress bar and the web
 * page alike: the workflows' progress queries for checkpointed epochs, and each running run's
 * pending training activity (a workflow describe) for the step in progress.
 */
public final class ProgressReader {
  /** The activity type of {@code TrainingActivities.train}. */
  static final String TRAINING_ACTIVITY = "Train";

  /**
   * The most running runs one plan view looks at closely (a describe each, and a query for those
   * that train). A plan may have hundreds of run workflows waiting for a training slot; asking each
   * would replay every one's history on every status call (measured: about 50 s per call with 750
   * waiting runs). The rest show what their group lists.
   */
  static final int LIVE_LIMIT = 48;

  private final WorkflowClient client;

  /** Reads through a Temporal client. */
  public ProgressReader(WorkflowClient client) {
    this.client = client;
  }

  /**
   * A reproduction's progress with its running groups' live runs.
   *
   * @param planWorkflowId the reproduction's workflow id
   * @return the view
   * @throws RuntimeException the client's exception when the reproduction cannot be queried
   */
  public PlanView plan(String planWorkflowId) {
    PlanProgress progress =
        client.newWorkflowStub(ReproductionWorkflow.class, planWorkflowId).progress();
    List<PlanView.GroupView> groups = new ArrayList<>();
    double done = 0;
    long total = 0;
    double epochsPerSecond = 0;
    int[] budget = {LIVE_LIMIT};
    for (GroupProgress group : progress.groups()) {
      total += group.plannedEpochs();
      List<LiveRun> runs = group.state() == RunState.RUNNING ? groupRuns(group, budget) : List.of();
      groups.add(new PlanView.GroupView(group, runs));
      if (group.state().ended()) {
        done += group.plannedEpochs();
        continue;
      }
      double groupDone = 0;
      for (LiveRun run : runs) {
        groupDone += run.epochsDone();
        Double perEpoch = run.secondsPerEpoch();
        if (run.progress().state() == RunState.RUNNING && perEpoch != null && perEpoch > 0) {
          epochsPerSecond += 1 / perEpoch;
        }
      }
      done += Math.min(groupDone, group.plannedEpochs());
    }
    Double secondsLeft = epochsPerSecond > 0 ? Math.max(0, total - done) / epochsPerSecond : null;
    return new PlanView(progress, List.copyOf(groups), done, total, secondsLeft);
  }

  /**
   * A run's progress, with its training heartbeat while it trains.
   *
   * @param runWorkflowId the run's workflow id ({@code run-...})
   * @return the live run
   * @throws RuntimeException the client's exception when the run cannot be queried
   */
  public LiveRun run(String runWorkflowId) {
    return live(client.newWorkflowStub(RunWorkflow.class, runWorkflowId).progress());
  }

  private List<LiveRun> groupRuns(GroupProgress group, int[] budget) {
    List<RunProgress> runs;
    try {
      runs = client.newWorkflowStub(GroupWorkflow.class, group.workflowId()).runs();
    } catch (RuntimeException notStartedYet) {
      return List.of();
    }
    List<LiveRun> live = new ArrayList<>();
    for (RunProgress run : runs) {
      if (run.state() == RunState.RUNNING && budget[0] > 0) {
        budget[0]--;
        live.add(liveOrAsListed(run));
      } else {
        live.add(LiveRun.of(run));
      }
    }
    return live;
  }

  /**
   * A running run: described first (cheap), and queried (a replay of its history) only when it has
   * a training activity, so runs waiting for a slot cost one describe.
   */
  private LiveRun liveOrAsListed(RunProgress listed) {
    String workflowId = RunWorkflow.workflowId(listed.runId());
    Optional<PendingActivityInfo> training = pendingTraining(workflowId);
    if (training.isEmpty()) {
      return LiveRun.of(listed);
    }
    try {
      RunProgress progress = client.newWorkflowStub(RunWorkflow.class, workflowId).progress();
      RunProgress current = progress == null ? listed : progress;
      return new LiveRun(
          current, heartbeatOf(training.get()), training.get().getLastWorkerIdentity());
    } catch (RuntimeException notStartedYet) {
      return LiveRun.of(listed);
    }
  }

  private LiveRun live(RunProgress progress) {
    if (progress.state() != RunState.RUNNING) {
      return LiveRun.of(progress);
    }
    return pendingTraining(RunWorkflow.workflowId(progress.runId()))
        .map(
            activity ->
                new LiveRun(progress, heartbeatOf(activity), activity.getLastWorkerIdentity()))
        .orElseGet(() -> LiveRun.of(progress));
  }

  /** The run workflow's pending training activity, if any; empty when describe fails. */
  private Optional<PendingActivityInfo> pendingTraining(String runWorkflowId) {
    try {
      return client
          .getWorkflowServiceStubs()
          .blockingStub()
          .describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace(client.getOptions().getNamespace())
                  .setExecution(WorkflowExecution.newBuilder().setWorkflowId(runWorkflowId))
                  .build())
          .getPendingActivitiesList()
          .stream()
          .filter(activity -> TRAINING_ACTIVITY.equals(activity.getActivityType().getName()))
          .findFirst();
    } catch (RuntimeException describeFailed) {
      return Optional.empty();
    }
  }

  /** The activity's latest training heartbeat, or {@code null} before its first step. */
  private TrainingHeartbeat heartbeatOf(PendingActivityInfo activity) {
    if (!activity.hasHeartbeatDetails() || activity.getHeartbeatDetails().getPayloadsCount() == 0) {
      return null;
    }
    try {
      return client
          .getOptions()
          .getDataConverter()
          .fromPayloads(
              0,
              Optional.of(activity.getHeartbeatDetails()),
              TrainingHeartbeat.class,
              TrainingHeartbeat.class);
    } catch (RuntimeException otherShape) {
      return null;
    }
  }
}
