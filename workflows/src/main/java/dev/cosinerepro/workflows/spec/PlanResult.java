package dev.cosinerepro.workflows.spec;

import java.util.List;

/**
 * The outcome of a reproduction.
 *
 * @param planWorkflowId the workflow id of the reproduction
 * @param planName the plan's name
 * @param runs the final progress of every run (state, best accuracy, failure message)
 * @param report the written report
 */
public record PlanResult(
    String planWorkflowId, String planName, List<RunProgress> runs, ReportRef report) {

  /** The number of runs that failed. */
  public long failedRuns() {
    return runs.stream().filter(run -> run.state() == RunState.FAILED).count();
  }
}
