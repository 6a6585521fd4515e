package dev.cosinerepro.workflows.spec;

/**
 * How a run workflow ended.
 *
 * @param state {@link RunState#DONE} when this workflow trained it, {@link RunState#SKIPPED} when
 *     the result was already stored
 * @param result the run's result
 */
public record RunOutcome(RunState state, RunResult result) {}
