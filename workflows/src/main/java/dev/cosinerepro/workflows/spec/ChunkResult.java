package dev.cosinerepro.workflows.spec;

import java.util.List;

/**
 * What one training chunk did.
 *
 * @param completedEpochs epochs covered by the latest complete checkpoint after the chunk
 * @param epochs the epochs trained in this chunk (empty when a retry found them already done)
 */
public record ChunkResult(int completedEpochs, List<EpochRecord> epochs) {}
