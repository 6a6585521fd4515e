package dev.cosinerepro.workflows.spec;

import java.util.Collection;

/**
 * A group's runs counted by state, small enough to travel in the group workflow's memo (see {@link
 * ProgressMemo}), so {@code repro status} reads it with a describe instead of a query.
 *
 * @param runs runs of the group (at the rates it runs)
 * @param pending runs not started
 * @param running runs started and not reported back yet
 * @param done runs trained to their end in this reproduction
 * @param skipped runs whose result was already stored
 * @param stopped runs stopped early by successive halving
 * @param failed runs failed for good
 * @param settledEpochs epochs done by the runs that are not running: a whole schedule for an ended
 *     run, its checkpointed epochs for a stopped or pending one
 */
public record GroupSummary(
    int runs,
    int pending,
    int running,
    int done,
    int skipped,
    int stopped,
    int failed,
    long settledEpochs) {

  /** The summary of the given runs, as the group workflow knows them. */
  public static GroupSummary of(Collection<RunProgress> progress) {
    int[] counts = new int[RunState.values().length];
    long settled = 0;
    for (RunProgress run : progress) {
      counts[run.state().ordinal()]++;
      if (run.state() == RunState.RUNNING) {
        continue;
      }
      settled +=
          run.state().ended() && run.state() != RunState.STOPPED
              ? run.totalEpochs()
              : run.completedEpochs();
    }
    return new GroupSummary(
        progress.size(),
        counts[RunState.PENDING.ordinal()],
        counts[RunState.RUNNING.ordinal()],
        counts[RunState.DONE.ordinal()],
        counts[RunState.SKIPPED.ordinal()],
        counts[RunState.STOPPED.ordinal()],
        counts[RunState.FAILED.ordinal()],
        settled);
  }
}
