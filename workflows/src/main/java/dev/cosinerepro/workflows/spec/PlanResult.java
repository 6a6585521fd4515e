package dev.cosinerepro.workflows.spec;

import java.util.List;

/**
 * The outcome of a reproduction.
 *
 * @param planWorkflowId the workflow id of the reproduction
 * @param planName the plan's name
 * @param groups every group's outcome, in plan order
 * @param report the written report
 */
public record PlanResult(
    String planWorkflowId, String planName, List<GroupOutcome> groups, ReportRef report) {

  /** Failure lines of every group. */
  public List<String> failures() {
    return groups.stream().flatMap(group -> group.failures().stream()).toList();
  }
}
