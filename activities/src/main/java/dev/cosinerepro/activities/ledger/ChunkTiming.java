package dev.cosinerepro.activities.ledger;

/**
 * Where a training chunk's wall time went, stored under {@code runs/<id>/chunks/}: the share
 * outside training and evaluation is {@code (wallSeconds - epochSeconds) / wallSeconds}.
 *
 * @param fromEpoch epochs done when the chunk started
 * @param untilEpoch epochs done when it ended
 * @param attempt the activity attempt
 * @param wallSeconds the whole chunk, from the activity's start to its result
 * @param epochSeconds training and evaluation, summed over the chunk's epochs
 * @param setupSeconds reading shards and embeddings, building the network and restoring the
 *     checkpoint
 * @param commitSeconds writing checkpoints, metrics and manifests, and pruning old checkpoints
 * @param worker the identity of the Temporal worker that trained the chunk (e.g. {@code pid@host});
 *     {@code null} in timings written before it was recorded, or outside a worker
 */
public record ChunkTiming(
    int fromEpoch,
    int untilEpoch,
    int attempt,
    double wallSeconds,
    double epochSeconds,
    double setupSeconds,
    double commitSeconds,
    String worker) {}
