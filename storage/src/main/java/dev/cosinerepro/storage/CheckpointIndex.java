package dev.cosinerepro.storage;

import java.util.OptionalInt;

/**
 * Finds a run's checkpoints in the store. A checkpoint is complete when its manifest exists (the
 * manifest is written after the data), so a checkpoint whose upload was interrupted is never chosen
 * to resume from.
 */
public final class CheckpointIndex {

  private CheckpointIndex() {}

  /**
   * Returns the highest epoch of a run that has a checkpoint manifest.
   *
   * @param store the object store
   * @param runId the experiment run id
   * @return the epoch of the latest complete checkpoint, or empty if the run has none
   */
  public static OptionalInt latestComplete(ObjectStore store, String runId) {
    return store.list(StoreKeys.checkpointsPrefix(runId)).stream()
        .map(key -> StoreKeys.manifestEpoch(runId, key))
        .filter(OptionalInt::isPresent)
        .mapToInt(OptionalInt::getAsInt)
        .max();
  }
}
