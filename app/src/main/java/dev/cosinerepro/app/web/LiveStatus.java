package dev.cosinerepro.app.web;

import dev.cosinerepro.activities.report.ReportActivitiesImpl;
import dev.cosinerepro.app.runtime.LiveRun;
import dev.cosinerepro.app.runtime.ProgressReader;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.StoreKeys;
import dev.cosinerepro.workflows.group.GroupWorkflow;
import dev.cosinerepro.workflows.plan.ReproductionWorkflow;
import dev.cosinerepro.workflows.run.RunWorkflow;
import dev.cosinerepro.workflows.spec.GroupProgress;
import dev.cosinerepro.workflows.spec.PlanProgress;
import dev.cosinerepro.workflows.spec.RunProgress;
import dev.cosinerepro.workflows.spec.RunState;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where every known reproduction stands, read the way {@code repro status} reads it: the plan and
 * group workflows' queries, each running run's own query, and the store for finished reports. A
 * reproduction is known when its id is in the data folder's last-plan file or it has files under
 * {@code plans/} in the store.
 */
public final class LiveStatus {
  private final WorkflowClient client;
  private final ObjectStore store;
  private final Supplier<List<String>> startedHere;
  private final ProgressReader progress;

  /**
   * @param client the Temporal client
   * @param store the object store
   * @param startedHere ids of reproductions started from this machine (the last-plan file)
   */
  public LiveStatus(WorkflowClient client, ObjectStore store, Supplier<List<String>> startedHere) {
    this.client = client;
    this.store = store;
    this.startedHere = startedHere;
    this.progress = new ProgressReader(client);
  }

  /**
   * One run as the page shows it: its progress, the seconds left (null when unknown or ended), the
   * epochs done with the one in progress counted by its steps, and the worker training it (null
   * when none is).
   */
  public record RunView(
      RunProgress progress, Double etaSeconds, double epochsDone, String worker) {}

  /** One group with its runs (runs are listed while the group runs or after it ended). */
  public record GroupView(GroupProgress progress, List<RunView> runs) {}

  /**
   * One reproduction.
   *
   * @param id the plan workflow id
   * @param name the plan's name, or empty when the workflow service does not know it
   * @param phase the plan workflow's phase, or a sentence saying why it is unknown
   * @param groups its groups
   * @param reportUrl the page's path to the finished report, or null
   */
  public record PlanView(
      String id, String name, String phase, List<GroupView> groups, String reportUrl) {}

  /** Every known reproduction, the one started last first. */
  public List<PlanView> plans() {
    Set<String> ids = new LinkedHashSet<>(startedHere.get());
    for (String key : store.list("plans/")) {
      String[] parts = key.split("/", 3);
      if (parts.length == 3) {
        ids.add(parts[1]);
      }
    }
    List<PlanView> plans = new ArrayList<>();
    ids.forEach(id -> plans.add(plan(id)));
    return plans;
  }

  private PlanView plan(String id) {
    String report =
        store.exists(StoreKeys.report(id, ReportActivitiesImpl.HTML)) ? "/report/" + id : null;
    PlanProgress progress;
    try {
      progress = client.newWorkflowStub(ReproductionWorkflow.class, id).progress();
    } catch (RuntimeException unknown) {
      return new PlanView(
          id,
          "",
          "not known to the workflow service (finished before it started, or not yet started)",
          List.of(),
          report);
    }
    List<GroupView> groups = new ArrayList<>();
    for (GroupProgress group : progress.groups()) {
      groups.add(new GroupView(group, runs(group)));
    }
    return new PlanView(id, progress.planName(), progress.phase(), groups, report);
  }

  private List<RunView> runs(GroupProgress group) {
    if (group.state() == RunState.PENDING) {
      return List.of();
    }
    List<RunProgress> runs;
    try {
      runs = client.newWorkflowStub(GroupWorkflow.class, group.workflowId()).runs();
    } catch (RuntimeException notStarted) {
      return List.of();
    }
    List<RunView> views = new ArrayList<>();
    for (RunProgress run : runs) {
      LiveRun live = run.state() == RunState.RUNNING ? live(run) : LiveRun.of(run);
      views.add(
          new RunView(
              live.progress(),
              live.progress().state().ended() ? null : live.secondsLeft(),
              live.epochsDone(),
              live.worker()));
    }
    return views;
  }

  /** A running run as {@code repro status} sees it: with its training heartbeat, if any. */
  private LiveRun live(RunProgress listed) {
    try {
      return progress.run(RunWorkflow.workflowId(listed.runId()));
    } catch (RuntimeException notStarted) {
      return LiveRun.of(listed);
    }
  }
}
