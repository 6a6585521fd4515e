package dev.cosinerepro.workflows.plan;

import dev.cosinerepro.workflows.TaskQueues;
import dev.cosinerepro.workflows.activity.ActivityStubs;
import dev.cosinerepro.workflows.activity.ReportActivities;
import dev.cosinerepro.workflows.run.RunWorkflow;
import dev.cosinerepro.workflows.spec.PlanProgress;
import dev.cosinerepro.workflows.spec.PlanResult;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.ReportRef;
import dev.cosinerepro.workflows.spec.ReportRequest;
import dev.cosinerepro.workflows.spec.RunOutcome;
import dev.cosinerepro.workflows.spec.RunProgress;
import dev.cosinerepro.workflows.spec.RunRequest;
import dev.cosinerepro.workflows.spec.RunResult;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.RunState;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
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

/** The reproduction workflow. Pure orchestration: every side effect happens in an activity. */
public final class ReproductionWorkflowImpl implements ReproductionWorkflow {
  private static final Logger LOG = Workflow.getLogger(ReproductionWorkflowImpl.class);

  private final ReportActivities reports =
      Workflow.newActivityStub(ReportActivities.class, ActivityStubs.ledger());

  private final Map<String, RunProgress> runs = new LinkedHashMap<>();
  private String planName = "";
  private String phase = "starting";
  private List<String> reportKeys = List.of();

  @Override
  public PlanResult reproduce(PlanSpec plan) {
    planName = plan.name();
    List<RunSpec> specs = plan.distinctRuns();
    for (RunSpec spec : specs) {
      runs.put(spec.id(), RunProgress.pending(spec));
    }
    phase = "running";

    Map<String, Promise<RunOutcome>> pending = new LinkedHashMap<>();
    for (RunSpec spec : specs) {
      RunWorkflow child = Workflow.newChildWorkflowStub(RunWorkflow.class, childOptions(spec));
      pending.put(
          spec.id(), Async.function(child::run, new RunRequest(spec, plan.epochsPerChunk())));
      runs.put(spec.id(), runs.get(spec.id()).withState(RunState.RUNNING, ""));
    }
    for (Map.Entry<String, Promise<RunOutcome>> entry : pending.entrySet()) {
      String runId = entry.getKey();
      try {
        RunOutcome outcome = entry.getValue().get();
        runs.put(runId, ended(runs.get(runId), outcome.state(), outcome.result()));
      } catch (TemporalFailure failure) {
        String message = rootMessage(failure);
        LOG.warn("Run {} failed: {}", runId, message);
        runs.put(runId, runs.get(runId).withState(RunState.FAILED, message));
      }
    }

    phase = "reporting";
    String workflowId = Workflow.getInfo().getWorkflowId();
    ReportRef report =
        reports.write(new ReportRequest(workflowId, plan.name(), new ArrayList<>(runs.keySet())));
    reportKeys = report.keys();
    phase = "done";
    return new PlanResult(workflowId, plan.name(), List.copyOf(runs.values()), report);
  }

  @Override
  public PlanProgress progress() {
    return new PlanProgress(
        Workflow.getInfo().getWorkflowId(),
        planName,
        phase,
        List.copyOf(runs.values()),
        reportKeys);
  }

  private static ChildWorkflowOptions childOptions(RunSpec spec) {
    return ChildWorkflowOptions.newBuilder()
        .setWorkflowId(RunWorkflow.workflowId(spec.id()))
        .setTaskQueue(TaskQueues.CPU)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
        .build();
  }

  private static RunProgress ended(RunProgress before, RunState state, RunResult result) {
    return new RunProgress(
        before.runId(),
        before.label(),
        state,
        result.epochs(),
        before.totalEpochs(),
        result.finalTestAccuracy(),
        result.bestTestAccuracy(),
        result.epochs() == 0 ? null : result.trainSeconds() / result.epochs(),
        "");
  }

  /** The innermost failure message: the one an activity wrote for the user. */
  static String rootMessage(Throwable failure) {
    Throwable current = failure;
    while (current.getCause() != null
        && (current instanceof ChildWorkflowFailure
            || current instanceof ActivityFailure
            || current.getCause() instanceof ApplicationFailure)) {
      current = current.getCause();
    }
    if (current instanceof ApplicationFailure application) {
      return application.getOriginalMessage();
    }
    return current.getMessage();
  }
}
