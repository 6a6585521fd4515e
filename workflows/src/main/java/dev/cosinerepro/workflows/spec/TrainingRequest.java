package dev.cosinerepro.workflows.spec;

/**
 * One chunk of training: continue the run from its latest complete checkpoint in the store up to,
 * not including, {@code untilEpoch}.
 *
 * @param spec the run
 * @param data the prepared data
 * @param untilEpoch the epoch to stop before
 */
public record TrainingRequest(RunSpec spec, PreparedData data, int untilEpoch) {}
