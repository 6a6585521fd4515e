package dev.cosinerepro.app.runtime;

import com.google.common.util.concurrent.ListenableFuture;
import dev.cosinerepro.workflows.group.GroupWorkflow;
import dev.cosinerepro.workflows.plan.ReproductionWorkflow;
import dev.cosinerepro.workflows.run.RunWorkflow;
import dev.cosinerepro.workflows.spec.GroupProgress;
import dev.cosinerepro.workflows.spec.GroupSummary;
import dev.cosinerepro.workflows.spec.PlanProgress;
import dev.cosinerepro.workflows.spec.ProgressMemo;
import dev.cosinerepro.workflows.spec.RunProgress;
import dev.cosinerepro.workflows.spec.RunState;
import dev.cosinerepro.workflows.spec.TrainingHeartbeat;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflow.v1.PendingChildExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Reads where reproductions and runs stand, for {@code repro status}, the progress bar and the web
 * page alike.
 *
 * <p>It reads what the workflows publish in their memos ({@link ProgressMemo}) with describes,
 * which the Temporal service answers alone: the reproduction's groups, each running group's counts
 * and its running run workflows (its pending children), and each running run's checkpointed epochs
 * with its pending training activity's heartbeat (the step in progress). No workflow is queried, so
 * no worker replays a history and a status call costs the same however long the histories grow and
 * however busy the workers are. (Queries did: each one replays the whole history on a worker, since
 * sticky execution is off, and concurrent queries of one workflow wait for each other on the
 * worker's workflow lock; measured with 1,000 runs in flight, 20 concurrent calls took 11.6 s on
 * average.) Workflows started by an older build have no memo; for them it falls back to the
 * progress queries.
 */
public final class ProgressReader {
  /** The activity type of {@code TrainingActivities.train}. */
  static final String TRAINING_ACTIVITY = "Train";

  /**
   * The most running runs one plan view looks at closely (a describe each), in plan order. A plan
   * may have hundreds of run workflows waiting for a training slot; the rest are counted in their
   * group's summary. A status call costs one describe for the plan, one per running group and one
   * per run looked at, so this bounds it whatever the plan's size.
   */
  static final int LIVE_LIMIT = 24;

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
        describe(planWorkflowId)
            .flatMap(described -> memo(described, PlanProgress.class))
            .orElseGet(
                () ->
                    client.newWorkflowStub(ReproductionWorkflow.class, planWorkflowId).progress());
    List<PlanView.GroupView> groups = groupViews(progress.groups());
    double done = 0;
    long total = 0;
    List<LiveRun> running = new ArrayList<>();
    for (PlanView.GroupView view : groups) {
      GroupProgress group = view.group();
      total += group.plannedEpochs();
      if (group.state().ended()) {
        done += group.plannedEpochs();
        continue;
      }
      double groupDone = view.summary() == null ? 0 : view.summary().settledEpochs();
      for (LiveRun run : view.runs()) {
        if (view.summary() == null || run.progress().state() == RunState.RUNNING) {
          groupDone += run.epochsDone();
        }
        if (run.progress().state() == RunState.RUNNING) {
          running.add(run);
        }
      }
      done += Math.min(groupDone, group.plannedEpochs());
    }
    double epochsPerSecond = PlanPace.epochsPerSecond(running);
    Double secondsLeft = epochsPerSecond > 0 ? Math.max(0, total - done) / epochsPerSecond : null;
    return new PlanView(progress, groups, done, total, secondsLeft);
  }

  /**
   * A run's progress, with its training heartbeat while it trains.
   *
   * @param runWorkflowId the run's workflow id ({@code run-...})
   * @return the live run
   * @throws RuntimeException the client's exception when the run cannot be queried
   */
  public LiveRun run(String runWorkflowId) {
    Optional<DescribeWorkflowExecutionResponse> described = describe(runWorkflowId);
    Optional<RunProgress> published = described.flatMap(d -> memo(d, RunProgress.class));
    if (published.isPresent()) {
      return live(published.get(), described.get());
    }
    RunProgress progress = client.newWorkflowStub(RunWorkflow.class, runWorkflowId).progress();
    if (progress.state() != RunState.RUNNING) {
      return LiveRun.of(progress);
    }
    return described.map(d -> live(progress, d)).orElseGet(() -> LiveRun.of(progress));
  }

  /**
   * Every group's view. The running groups are described at once, then their running runs (at most
   * {@link #LIVE_LIMIT} over the plan, in plan order) at once; a group started by an older build
   * (no memo) lists every run through its query instead.
   */
  private List<PlanView.GroupView> groupViews(List<GroupProgress> groups) {
    Map<String, ListenableFuture<DescribeWorkflowExecutionResponse>> described = new HashMap<>();
    for (GroupProgress group : groups) {
      if (group.state() == RunState.RUNNING) {
        described.put(group.name(), describeAsync(group.workflowId()));
      }
    }
    int[] budget = {LIVE_LIMIT};
    List<Supplier<PlanView.GroupView>> views = new ArrayList<>();
    for (GroupProgress group : groups) {
      if (group.state() != RunState.RUNNING) {
        PlanView.GroupView idle = new PlanView.GroupView(group, List.of(), null);
        views.add(() -> idle);
        continue;
      }
      Optional<DescribeWorkflowExecutionResponse> answer = answer(described.get(group.name()));
      Optional<GroupSummary> summary = answer.flatMap(d -> memo(d, GroupSummary.class));
      if (summary.isEmpty()) {
        PlanView.GroupView listed = new PlanView.GroupView(group, listedRuns(group, budget), null);
        views.add(() -> listed);
        continue;
      }
      List<String> children =
          answer.get().getPendingChildrenList().stream()
              .map(PendingChildExecutionInfo::getWorkflowId)
              .sorted(Comparator.naturalOrder())
              .toList();
      int looked = Math.min(children.size(), Math.max(0, budget[0]));
      budget[0] -= looked;
      List<ListenableFuture<DescribeWorkflowExecutionResponse>> runs = new ArrayList<>();
      for (String child : children.subList(0, looked)) {
        runs.add(describeAsync(child));
      }
      views.add(() -> new PlanView.GroupView(group, liveRuns(runs), summary.get()));
    }
    return views.stream().map(Supplier::get).toList();
  }

  /** The described runs that still run, with their training heartbeats. */
  private List<LiveRun> liveRuns(List<ListenableFuture<DescribeWorkflowExecutionResponse>> runs) {
    List<LiveRun> live = new ArrayList<>();
    for (ListenableFuture<DescribeWorkflowExecutionResponse> run : runs) {
      answer(run)
          .ifPresent(
              described ->
                  memo(described, RunProgress.class)
                      .filter(progress -> !progress.state().ended())
                      .ifPresent(progress -> live.add(live(progress, described))));
    }
    return List.copyOf(live);
  }

  /** The group's runs as its query lists them (a group started before the memo existed). */
  private List<LiveRun> listedRuns(GroupProgress group, int[] budget) {
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
   * A running run listed by an old group: described first (cheap); its memo when it has one, else
   * queried only when it has a training activity, so runs waiting for a slot cost one describe.
   */
  private LiveRun liveOrAsListed(RunProgress listed) {
    String workflowId = RunWorkflow.workflowId(listed.runId());
    Optional<DescribeWorkflowExecutionResponse> described = describe(workflowId);
    if (described.isEmpty()) {
      return LiveRun.of(listed);
    }
    Optional<RunProgress> published = memo(described.get(), RunProgress.class);
    if (published.isPresent()) {
      return live(published.get(), described.get());
    }
    if (pendingTraining(described.get()).isEmpty()) {
      return LiveRun.of(listed);
    }
    try {
      RunProgress progress = client.newWorkflowStub(RunWorkflow.class, workflowId).progress();
      return live(progress == null ? listed : progress, described.get());
    } catch (RuntimeException notStartedYet) {
      return LiveRun.of(listed);
    }
  }

  /** The run with its pending training activity's heartbeat and worker, while it runs. */
  private LiveRun live(RunProgress progress, DescribeWorkflowExecutionResponse described) {
    if (progress.state() != RunState.RUNNING) {
      return LiveRun.of(progress);
    }
    return pendingTraining(described)
        .map(
            activity ->
                new LiveRun(progress, heartbeatOf(activity), activity.getLastWorkerIdentity()))
        .orElseGet(() -> LiveRun.of(progress));
  }

  /** The workflow's description, or empty when describe fails (unknown id, service error). */
  private Optional<DescribeWorkflowExecutionResponse> describe(String workflowId) {
    try {
      return Optional.of(
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(describeRequest(workflowId)));
    } catch (RuntimeException describeFailed) {
      return Optional.empty();
    }
  }

  private ListenableFuture<DescribeWorkflowExecutionResponse> describeAsync(String workflowId) {
    return client
        .getWorkflowServiceStubs()
        .futureStub()
        .describeWorkflowExecution(describeRequest(workflowId));
  }

  /** A describe's answer, or empty when it failed (the workflow is unknown, or ended and gone). */
  private static Optional<DescribeWorkflowExecutionResponse> answer(
      ListenableFuture<DescribeWorkflowExecutionResponse> future) {
    try {
      return Optional.of(future.get());
    } catch (ExecutionException failed) {
      return Optional.empty();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private DescribeWorkflowExecutionRequest describeRequest(String workflowId) {
    return DescribeWorkflowExecutionRequest.newBuilder()
        .setNamespace(client.getOptions().getNamespace())
        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
        .build();
  }

  /** The progress the workflow published in its memo, or empty when it has none of that shape. */
  private <T> Optional<T> memo(DescribeWorkflowExecutionResponse described, Class<T> type) {
    Payload payload =
        described.getWorkflowExecutionInfo().getMemo().getFieldsMap().get(ProgressMemo.KEY);
    if (payload == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(
          client.getOptions().getDataConverter().fromPayload(payload, type, type));
    } catch (RuntimeException otherShape) {
      return Optional.empty();
    }
  }

  /** The run workflow's pending training activity, if any. */
  private static Optional<PendingActivityInfo> pendingTraining(
      DescribeWorkflowExecutionResponse described) {
    return described.getPendingActivitiesList().stream()
        .filter(activity -> TRAINING_ACTIVITY.equals(activity.getActivityType().getName()))
        .findFirst();
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
