package dev.cosinerepro.workflows.run;

import dev.cosinerepro.workflows.spec.RunOutcome;
import dev.cosinerepro.workflows.spec.RunProgress;
import dev.cosinerepro.workflows.spec.RunRequest;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Brings one run to its end: skip if finished, prepare data, train in chunks, store the result. */
@WorkflowInterface
public interface RunWorkflow {

  /** The workflow id of a run: {@code run-<runId>}. */
  static String workflowId(String runId) {
    return "run-" + runId;
  }

  /** Runs (or skips, or resumes) the run and returns its result. */
  @WorkflowMethod
  RunOutcome run(RunRequest request);

  /** The run's progress. */
  @QueryMethod
  RunProgress progress();
}
