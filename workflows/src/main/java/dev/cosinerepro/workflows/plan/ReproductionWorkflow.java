package dev.cosinerepro.workflows.plan;

import dev.cosinerepro.workflows.spec.PlanProgress;
import dev.cosinerepro.workflows.spec.PlanResult;
import dev.cosinerepro.workflows.spec.PlanSpec;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Runs every run of a plan as a child workflow, then writes the report. */
@WorkflowInterface
public interface ReproductionWorkflow {

  /** Runs the plan to its end; a failed run is reported, it does not stop the others. */
  @WorkflowMethod
  PlanResult reproduce(PlanSpec plan);

  /** The plan's progress: every run's state and the report keys once written. */
  @QueryMethod
  PlanProgress progress();
}
