package dev.cosinerepro.activities.training;

/**
 * What a training activity heartbeats: where it is. Only for observers; resumption reads the store.
 *
 * @param epoch the 0-based epoch in progress (or the count of completed epochs after an epoch ends)
 * @param step the step within the epoch
 * @param loss the latest training loss
 */
public record TrainingHeartbeat(int epoch, int step, double loss) {}
