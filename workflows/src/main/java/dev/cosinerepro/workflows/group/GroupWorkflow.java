package dev.cosinerepro.workflows.group;

import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.GroupRequest;
import dev.cosinerepro.workflows.spec.RunProgress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/** Runs one experiment group and reports its figure. */
@WorkflowInterface
public interface GroupWorkflow {

  /** The workflow id of a group of a reproduction. */
  static String workflowId(String planWorkflowId, String groupName) {
    return planWorkflowId + "/" + groupName;
  }

  /**
   * Runs the group's rates and seeds to their end (or, when halving, until each rate is dropped).
   */
  @WorkflowMethod
  GroupOutcome run(GroupRequest request);

  /** The group's runs as last reported by their workflows. */
  @QueryMethod
  List<RunProgress> runs();
}
