package dev.cosinerepro.workflows.plan;

import dev.cosinerepro.workflows.Failures;
import dev.cosinerepro.workflows.TaskQueues;
import dev.cosinerepro.workflows.activity.ActivityStubs;
import dev.cosinerepro.workflows.activity.ReportActivities;
import dev.cosinerepro.workflows.group.GroupWorkflow;
import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.GroupProgress;
import dev.cosinerepro.workflows.spec.GroupRequest;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanProgress;
import dev.cosinerepro.workflows.spec.PlanResult;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.ProgressMemo;
import dev.cosinerepro.workflows.spec.RateOutcome;
import dev.cosinerepro.workflows.spec.ReportRef;
import dev.cosinerepro.workflows.spec.ReportRequest;
import dev.cosinerepro.workflows.spec.RunState;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The reproduction workflow. Pure orchestration: groups with their own grid start at once; a group
 * that takes its rate from another starts when that one has chosen. A failed run is reported, it
 * does not stop the plan.
 */
public final class ReproductionWorkflowImpl implements ReproductionWorkflow {
  private static final Logger LOG = Workflow.getLogger(ReproductionWorkflowImpl.class);

  private final ReportActivities reports =
      Workflow.newActivityStub(ReportActivities.class, ActivityStubs.ledger());

  private final Map<String, GroupProgress> groups = new LinkedHashMap<>();
  private String planName = "";
  private String phase = "starting";
  private List<String> reportKeys = List.of();
  private boolean publishesMemo;
  private PlanProgress published;

  @Override
  public PlanResult reproduce(PlanSpec plan) {
    publishesMemo = Workflow.getVersion(ProgressMemo.CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1;
    planName = plan.name();
    String planId = Workflow.getInfo().getWorkflowId();
    for (GroupSpec group : plan.groups()) {
      long rates = group.dependent() ? 1 : group.learningRates().size();
      groups.put(
          group.name(),
          new GroupProgress(
              group.name(),
              GroupWorkflow.workflowId(planId, group.name()),
              RunState.PENDING,
              rates * group.seeds().size() * group.template().totalEpochs(),
              null,
              null,
              null,
              ""));
    }
    phase = "running";

    Map<String, Promise<GroupOutcome>> started = new LinkedHashMap<>();
    for (GroupSpec group : plan.groups()) {
      Promise<GroupOutcome> outcome;
      if (group.dependent()) {
        Promise<GroupOutcome> source = started.get(group.learningRateFrom());
        outcome = source.thenCompose(chosen -> startDependent(plan, planId, group, chosen));
      } else {
        outcome = start(plan, planId, group, group.learningRates());
      }
      started.put(group.name(), outcome);
    }
    publish();

    List<GroupOutcome> outcomes = new ArrayList<>();
    for (GroupSpec group : plan.groups()) {
      GroupOutcome outcome;
      try {
        outcome = started.get(group.name()).get();
      } catch (TemporalFailure failure) {
        String message = Failures.rootMessage(failure);
        LOG.warn("Group {} failed: {}", group.name(), message);
        outcome =
            new GroupOutcome(
                group.name(),
                group.table(),
                group.template(),
                List.of(),
                null,
                0,
                List.of(message));
      }
      outcomes.add(outcome);
      groups.put(group.name(), ended(groups.get(group.name()), outcome));
      publish();
    }

    phase = "reporting";
    publish();
    ReportRef report = reports.write(new ReportRequest(planId, plan, outcomes));
    reportKeys = report.keys();
    phase = "done";
    publish();
    return new PlanResult(planId, plan.name(), outcomes, report);
  }

  @Override
  public PlanProgress progress() {
    return new PlanProgress(
        Workflow.getInfo().getWorkflowId(),
        planName,
        phase,
        List.copyOf(groups.values()),
        reportKeys);
  }

  /**
   * Puts the progress in the memo when it changed since the last time (a describe reads it without
   * replaying this workflow), from the version that does so on.
   */
  private void publish() {
    if (!publishesMemo) {
      return;
    }
    PlanProgress now = progress();
    if (!now.equals(published)) {
      Workflow.upsertMemo(Map.of(ProgressMemo.KEY, now));
      published = now;
    }
  }

  private Promise<GroupOutcome> start(
      PlanSpec plan, String planId, GroupSpec group, List<Double> rates) {
    GroupWorkflow child =
        Workflow.newChildWorkflowStub(
            GroupWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(GroupWorkflow.workflowId(planId, group.name()))
                .setTaskQueue(TaskQueues.CPU)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                .build());
    groups.put(group.name(), groups.get(group.name()).withState(RunState.RUNNING));
    return Async.function(
        child::run, new GroupRequest(group, rates, plan.epochsPerChunk(), plan.search()));
  }

  private Promise<GroupOutcome> startDependent(
      PlanSpec plan, String planId, GroupSpec group, GroupOutcome source) {
    if (source.chosenLearningRate() == null) {
      String message =
          "no rate: its source group '" + group.learningRateFrom() + "' has no finished run";
      return Workflow.newPromise(
          new GroupOutcome(
              group.name(), group.table(), group.template(), List.of(), null, 0, List.of(message)));
    }
    return start(plan, planId, group, List.of(source.chosenLearningRate()));
  }

  private static GroupProgress ended(GroupProgress before, GroupOutcome outcome) {
    RateOutcome chosen = outcome.chosen();
    return new GroupProgress(
        before.name(),
        before.workflowId(),
        chosen == null ? RunState.FAILED : RunState.DONE,
        before.plannedEpochs(),
        outcome.chosenLearningRate(),
        chosen == null ? null : chosen.meanBest(),
        chosen == null ? null : chosen.meanFinal(),
        String.join("; ", outcome.failures()));
  }
}
