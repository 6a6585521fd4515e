package dev.cosinerepro.workflows.spec;

/**
 * How a run workflow ended.
 *
 * @param state {@link RunState#DONE} when this workflow trained it to the end, {@link
 *     RunState#SKIPPED} when the result was already stored, {@link RunState#STOPPED} when it
 *     stopped at the requested epoch
 * @param result the run's result; {@code null} for a stopped run
 * @param completedEpochs epochs done
 * @param lastTestAccuracy the test accuracy after the last evaluated epoch, or {@code null}
 * @param epochsTrained epochs trained by this workflow
 */
public record RunOutcome(
    RunState state,
    RunResult result,
    int completedEpochs,
    Double lastTestAccuracy,
    int epochsTrained) {}
