package dev.cosinerepro.workflows.spec;

/**
 * One chunk of training: continue the run from its latest complete checkpoint in the store up to,
 * not including, {@code untilEpoch}.
 *
 * @param spec the run
 * @param data the prepared data
 * @param untilEpoch the epoch to stop before
 * @param embeddingKey the object key of the class-embedding matrix, or {@code null} for one-hot
 */
public record TrainingRequest(
    RunSpec spec, PreparedData data, int untilEpoch, String embeddingKey) {}
