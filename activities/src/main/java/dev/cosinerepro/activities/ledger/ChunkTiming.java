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
 * @param commitSeconds uploading checkpoints, writing metrics and manifests, and pruning old
 *     checkpoints, on the thread that commits (on a GPU worker a thread of its own, alongside
 *     training and evaluation)
 * @param commitWaitSeconds of the wall time, how long the training thread spent on commits: writing
 *     each checkpoint file, and storing it (CPU workers) or waiting for the commit running
 *     alongside (GPU workers); null in timings of earlier releases
 * @param startedAt when the chunk started (ISO-8601, UTC); null in timings of earlier releases
 * @param endedAt when it ended (ISO-8601, UTC); null in timings of earlier releases
 * @param worker the worker that trained it; null in timings of earlier releases
 */
public record ChunkTiming(
    int fromEpoch,
    int untilEpoch,
    int attempt,
    double wallSeconds,
    double epochSeconds,
    double setupSeconds,
    double commitSeconds,
    Double commitWaitSeconds,
    String startedAt,
    String endedAt,
    WorkerInfo worker) {}
