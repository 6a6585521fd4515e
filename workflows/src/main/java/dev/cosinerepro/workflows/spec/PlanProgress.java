package dev.cosinerepro.workflows.spec;

import java.util.List;

/**
 * A reproduction's progress, as its workflow reports it to queries.
 *
 * @param planWorkflowId the workflow id of the reproduction
 * @param planName the plan's name
 * @param phase {@code running}, {@code reporting} or {@code done}
 * @param groups every group of the plan, in plan order (query a group's workflow for its runs)
 * @param reportKeys keys of the report objects, once written
 */
public record PlanProgress(
    String planWorkflowId,
    String planName,
    String phase,
    List<GroupProgress> groups,
    List<String> reportKeys) {

  /** Groups that will not change any more. */
  public long endedGroups() {
    return groups.stream().filter(group -> group.state().ended()).count();
  }
}
