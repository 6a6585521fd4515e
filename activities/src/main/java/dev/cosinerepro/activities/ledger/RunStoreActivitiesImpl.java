package dev.cosinerepro.activities.ledger;

import dev.cosinerepro.activities.Failures;
import dev.cosinerepro.storage.CheckpointIndex;
import dev.cosinerepro.storage.Json;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.StoreKeys;
import dev.cosinerepro.workflows.activity.RunStoreActivities;
import dev.cosinerepro.workflows.spec.EpochRecord;
import dev.cosinerepro.workflows.spec.RunResult;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.StoredRun;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The run ledger on the object store. A checkpoint's epoch number is the count of epochs it covers,
 * so the checkpoint {@code 0003} holds the state after epochs 0, 1 and 2.
 */
public final class RunStoreActivitiesImpl implements RunStoreActivities {
  private static final String JSON = "application/json";

  private final ObjectStore store;

  /** Creates the ledger over a store. */
  public RunStoreActivitiesImpl(ObjectStore store) {
    this.store = store;
  }

  @Override
  public StoredRun lookup(RunSpec spec) {
    String runId = spec.id();
    byte[] canonical = spec.canonical().getBytes(StandardCharsets.UTF_8);
    if (!store.putIfAbsent(StoreKeys.runSpec(runId), canonical, JSON)) {
      byte[] stored = store.get(StoreKeys.runSpec(runId)).orElse(canonical);
      if (!spec.canonical().equals(new String(stored, StandardCharsets.UTF_8))) {
        throw Failures.invalidInput(
            "The store holds a different spec under run id "
                + runId
                + " (key "
                + StoreKeys.runSpec(runId)
                + "): move that run aside before running this spec.");
      }
    }
    Optional<RunResult> result = readResult(runId);
    if (result.isPresent()) {
      return new StoredRun(runId, result.get(), result.get().epochs());
    }
    int completed = CheckpointIndex.latestComplete(store, runId).orElse(0);
    return new StoredRun(runId, null, completed);
  }

  @Override
  public RunResult finish(RunSpec spec) {
    String runId = spec.id();
    Optional<RunResult> existing = readResult(runId);
    if (existing.isPresent()) {
      return existing.get();
    }
    List<EpochRecord> epochs = readEpochs(store, spec);
    RunResult result = summarise(spec, epochs);
    if (!store.putIfAbsent(StoreKeys.runResult(runId), Json.write(result), JSON)) {
      return readResult(runId).orElse(result);
    }
    return result;
  }

  @Override
  public Double testAccuracyAfter(RunSpec spec, int epochs) {
    if (epochs < 1) {
      return null;
    }
    return store
        .get(StoreKeys.epochMetrics(spec.id(), epochs - 1))
        .map(json -> Json.read(json, EpochRecord.class).testAccuracy())
        .orElse(null);
  }

  /** Reads every epoch's metrics of a finished run, in epoch order. */
  static List<EpochRecord> readEpochs(ObjectStore store, RunSpec spec) {
    List<EpochRecord> epochs = new ArrayList<>();
    for (int epoch = 0; epoch < spec.totalEpochs(); epoch++) {
      String key = StoreKeys.epochMetrics(spec.id(), epoch);
      byte[] json =
          store
              .get(key)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "Run "
                              + spec.id()
                              + " has no metrics at "
                              + key
                              + ": it has not finished"));
      epochs.add(Json.read(json, EpochRecord.class));
    }
    return epochs;
  }

  /**
   * Summarises a finished run: the best test accuracy after any evaluated epoch (the earliest on a
   * tie), the final-epoch accuracy, and the summed wall time.
   */
  public static RunResult summarise(RunSpec spec, List<EpochRecord> epochs) {
    double best = Double.NEGATIVE_INFINITY;
    int bestEpoch = -1;
    double seconds = 0;
    Double last = null;
    for (EpochRecord epoch : epochs) {
      seconds += epoch.seconds();
      if (epoch.testAccuracy() != null) {
        last = epoch.testAccuracy();
        if (last > best) {
          best = last;
          bestEpoch = epoch.epoch();
        }
      }
    }
    if (last == null || epochs.get(epochs.size() - 1).testAccuracy() == null) {
      throw new IllegalStateException(
          "Run " + spec.id() + " has no test accuracy after its final epoch");
    }
    return new RunResult(spec.id(), spec, best, bestEpoch, last, epochs.size(), seconds);
  }

  private Optional<RunResult> readResult(String runId) {
    return store.get(StoreKeys.runResult(runId)).map(json -> Json.read(json, RunResult.class));
  }
}
