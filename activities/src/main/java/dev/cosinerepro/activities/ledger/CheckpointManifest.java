package dev.cosinerepro.activities.ledger;

import dev.cosinerepro.workflows.spec.EpochRecord;

/**
 * The manifest that makes a checkpoint complete. It is written after the checkpoint data.
 *
 * @param runId the run
 * @param completedEpochs epochs the checkpoint covers
 * @param dataKey key of the checkpoint data
 * @param dataBytes size of the checkpoint data
 * @param lastEpoch the metrics of the last epoch it covers
 * @param dataSha256 the SHA-256 of the checkpoint data, 64 lower-case hex digits ({@code null} in
 *     manifests of earlier releases, whose data is checked by size only)
 */
public record CheckpointManifest(
    String runId,
    int completedEpochs,
    String dataKey,
    long dataBytes,
    EpochRecord lastEpoch,
    String dataSha256) {}
