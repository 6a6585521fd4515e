package dev.cosinerepro.activities.ledger;

import dev.cosinerepro.activities.Failures;
import dev.cosinerepro.datasets.catalog.DatasetRegistry;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.workflows.activity.RunStoreActivities;
import dev.cosinerepro.workflows.spec.Divergence;
import dev.cosinerepro.workflows.spec.EpochRecord;
import dev.cosinerepro.workflows.spec.RunResult;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.StoredRun;
import java.util.Map;
import java.util.Optional;

/**
 * The run ledger on the object store, through each run's {@link RunRecord}. A checkpoint's epoch
 * number is the count of epochs it covers, so the checkpoint {@code 0003} holds the state after
 * epochs 0, 1 and 2.
 */
public final class RunStoreActivitiesImpl implements RunStoreActivities {

  private final ObjectStore store;

  /** Creates the ledger over a store. */
  public RunStoreActivitiesImpl(ObjectStore store) {
    this.store = store;
  }

  @Override
  public StoredRun lookup(RunSpec spec) {
    RunRecord record = RunRecord.of(store, spec);
    try {
      record.writeSpecOnce();
    } catch (IllegalArgumentException e) {
      throw Failures.invalidInput(e.getMessage(), e);
    }
    Optional<RunResult> result = record.result();
    if (result.isPresent()) {
      return new StoredRun(record.runId(), result.get(), result.get().epochs());
    }
    return new StoredRun(record.runId(), null, record.latestCompleteCheckpoint().orElse(0));
  }

  @Override
  public RunResult finish(RunSpec spec) {
    return RunRecord.of(store, spec).finish(datasetFiles(spec.dataset()));
  }

  /** The declared (and verified before use) checksums of a dataset's files. */
  private static Map<String, String> datasetFiles(String dataset) {
    try {
      return DatasetRegistry.byName(dataset).fileChecksums();
    } catch (RuntimeException e) {
      return Map.of();
    }
  }

  @Override
  public Double testAccuracyAfter(RunSpec spec, int epochs) {
    if (epochs < 1) {
      return null;
    }
    RunRecord record = RunRecord.of(store, spec);
    Optional<Divergence> divergence = record.divergence();
    if (divergence.isPresent() && divergence.get().epoch() < epochs) {
      // Halving compares a diverged run by the last accuracy it reached before diverging.
      for (int epoch = divergence.get().epoch() - 1; epoch >= 0; epoch--) {
        Double accuracy = record.epoch(epoch).map(EpochRecord::testAccuracy).orElse(null);
        if (accuracy != null) {
          return accuracy;
        }
      }
      return null;
    }
    return record.epoch(epochs - 1).map(EpochRecord::testAccuracy).orElse(null);
  }
}
