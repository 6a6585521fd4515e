package dev.cosinerepro.app.runtime;

import dev.cosinerepro.workflows.spec.GroupProgress;
import dev.cosinerepro.workflows.spec.GroupSummary;
import dev.cosinerepro.workflows.spec.PlanProgress;
import dev.cosinerepro.workflows.spec.RunState;
import java.util.List;

/**
 * One look at a reproduction: its workflow's progress, the live runs of its running groups, and the
 * totals a progress bar and an ETA need.
 *
 * @param progress the reproduction workflow's answer to its progress query
 * @param groups every group, with the live runs of those running now
 * @param doneEpochs epochs done over the plan (ended groups count whole, live steps by fraction)
 * @param totalEpochs epochs of the whole plan (every group's full grid)
 * @param secondsLeft seconds until the plan's last epoch at the pace of the runs training now, or
 *     {@code null} while no run has a pace
 */
public record PlanView(
    PlanProgress progress,
    List<GroupView> groups,
    double doneEpochs,
    long totalEpochs,
    Double secondsLeft) {

  /**
   * A group and, while it runs, its runs.
   *
   * @param group the group's standing
   * @param runs while the group runs: its running runs with live details (at most {@code
   *     ProgressReader.LIVE_LIMIT} over the plan), or, for a group started by an older build
   *     without a summary, every run as the group lists it; empty otherwise
   * @param summary while the group runs, its runs counted by state; {@code null} otherwise and for
   *     a group started by an older build
   */
  public record GroupView(GroupProgress group, List<LiveRun> runs, GroupSummary summary) {}

  /** The runs training now, in plan order. */
  public List<LiveRun> runningRuns() {
    return groups.stream()
        .flatMap(group -> group.runs().stream())
        .filter(run -> run.progress().state() == RunState.RUNNING)
        .toList();
  }
}
