package dev.cosinerepro.workflows.spec;

import java.util.List;

/**
 * A reproduction's progress, as its workflow reports it to queries.
 *
 * @param planWorkflowId the workflow id of the reproduction
 * @param planName the plan's name
 * @param phase {@code running}, {@code reporting} or {@code done}
 * @param runs every run of the plan, in plan order; a running run's epochs are those of its last
 *     finished chunk (query the run's own workflow for more)
 * @param reportKeys keys of the report objects, once written
 */
public record PlanProgress(
    String planWorkflowId,
    String planName,
    String phase,
    List<RunProgress> runs,
    List<String> reportKeys) {

  /** Runs that will not change any more. */
  public long endedRuns() {
    return runs.stream().filter(run -> run.state().ended()).count();
  }
}
