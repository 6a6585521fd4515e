package dev.cosinerepro.activities.training;

import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.StoreKeys;
import dev.cosinerepro.workflows.spec.RunSpec;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * Which checkpoints of a run are kept: the latest two complete ones (the newest to resume from, the
 * one before in case the newest turns out unreadable) and the one at the end of every SGDR cycle
 * (snapshots that successive halving and later analysis resume from). A paper-scale ResNet-50
 * checkpoint with its momentum is about 190 MB; keeping all 372 would need 70 GB per run.
 */
public final class CheckpointRetention {
  private CheckpointRetention() {}

  /**
   * Whether the checkpoint after {@code epochs} epochs is kept once {@code latest} epochs are
   * complete.
   *
   * @param spec the run
   * @param latest epochs of the latest complete checkpoint
   * @param epochs epochs of the checkpoint in question
   */
  public static boolean keep(RunSpec spec, int latest, int epochs) {
    return epochs >= latest - 1 || isCycleEnd(spec, epochs);
  }

  /** Whether an epoch count ends an SGDR cycle: base, 3 base, 7 base, ... */
  public static boolean isCycleEnd(RunSpec spec, int epochs) {
    return spec.cycleEnds().contains(epochs);
  }

  /**
   * Removes the checkpoints that are no longer kept, each manifest before its data, so a checkpoint
   * is never complete without its data.
   */
  public static void prune(ObjectStore store, RunSpec spec, int latest) {
    String runId = spec.id();
    TreeSet<Integer> epochs = new TreeSet<>();
    for (String key : store.list(StoreKeys.checkpointsPrefix(runId))) {
      OptionalInt epoch = StoreKeys.manifestEpoch(runId, key);
      epoch.ifPresent(epochs::add);
    }
    for (int epoch : epochs) {
      if (!keep(spec, latest, epoch)) {
        store.delete(StoreKeys.checkpointManifest(runId, epoch));
        store.delete(StoreKeys.checkpointData(runId, epoch));
      }
    }
  }
}
