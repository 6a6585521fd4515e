package dev.cosinerepro.workflows;

import dev.cosinerepro.workflows.activity.DataActivities;
import dev.cosinerepro.workflows.activity.ReportActivities;
import dev.cosinerepro.workflows.activity.RunStoreActivities;
import dev.cosinerepro.workflows.activity.TrainingActivities;
import dev.cosinerepro.workflows.spec.ChunkResult;
import dev.cosinerepro.workflows.spec.DataRequest;
import dev.cosinerepro.workflows.spec.EmbeddingRef;
import dev.cosinerepro.workflows.spec.EmbeddingRequest;
import dev.cosinerepro.workflows.spec.EpochRecord;
import dev.cosinerepro.workflows.spec.PreparedData;
import dev.cosinerepro.workflows.spec.ReportRef;
import dev.cosinerepro.workflows.spec.ReportRequest;
import dev.cosinerepro.workflows.spec.RunResult;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.StoredRun;
import dev.cosinerepro.workflows.spec.TrainingRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory fakes of every activity: a "store" of completed epochs and results, with switches for
 * failures.
 */
public final class FakeActivities
    implements RunStoreActivities, DataActivities, TrainingActivities, ReportActivities {
  /** Completed epochs per run id (the fake checkpoint index). */
  public final Map<String, Integer> checkpoints = new ConcurrentHashMap<>();

  /** Stored results per run id. */
  public final Map<String, RunResult> results = new ConcurrentHashMap<>();

  /** Every training call, as "runId:untilEpoch". */
  public final List<String> trainingCalls = Collections.synchronizedList(new ArrayList<>());

  /** Every data request. */
  public final List<DataRequest> dataCalls = Collections.synchronizedList(new ArrayList<>());

  /** Report requests. */
  public final List<ReportRequest> reportCalls = Collections.synchronizedList(new ArrayList<>());

  /** Objectives whose training fails for good. */
  public final List<String> failingObjectives = Collections.synchronizedList(new ArrayList<>());

  /** Training attempts that fail with a retryable error before one succeeds. */
  public volatile int transientFailures;

  @Override
  public StoredRun lookup(RunSpec spec) {
    RunResult result = results.get(spec.id());
    return new StoredRun(
        spec.id(),
        result,
        result != null ? result.epochs() : checkpoints.getOrDefault(spec.id(), 0));
  }

  @Override
  public RunResult finish(RunSpec spec) {
    return results.computeIfAbsent(
        spec.id(),
        id ->
            new RunResult(
                id, spec, accuracyOf(spec), 1, accuracyOf(spec) - 0.01, spec.totalEpochs(), 3.0));
  }

  /**
   * The fake's test accuracy after any epoch: higher for rates nearer 0.1, so halving has a clear
   * order.
   */
  public static double accuracyOf(RunSpec spec) {
    return 0.9 - Math.abs(Math.log10(spec.maxLearningRate() / 0.1)) / 10;
  }

  @Override
  public Double testAccuracyAfter(RunSpec spec, int epochs) {
    return accuracyOf(spec);
  }

  @Override
  public EmbeddingRef embedding(EmbeddingRequest request) {
    return new EmbeddingRef("embeddings/" + request.embedding() + ".bin", 2, 2);
  }

  @Override
  public PreparedData prepare(DataRequest request) {
    dataCalls.add(request);
    return Fixtures.data();
  }

  @Override
  public ChunkResult train(TrainingRequest request) {
    RunSpec spec = request.spec();
    trainingCalls.add(spec.id() + ":" + request.untilEpoch());
    if (failingObjectives.contains(spec.loss())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the loss became NaN at epoch 0, step 3", FailureTypes.NON_FINITE_LOSS);
    }
    if (transientFailures > 0) {
      transientFailures--;
      throw new IllegalStateException("worker lost");
    }
    int start = checkpoints.getOrDefault(spec.id(), 0);
    List<EpochRecord> epochs = new ArrayList<>();
    for (int epoch = start; epoch < request.untilEpoch(); epoch++) {
      epochs.add(new EpochRecord(epoch, 0.1, 1.0, 0.5, accuracyOf(spec), 1.0, 100));
    }
    checkpoints.put(spec.id(), request.untilEpoch());
    return new ChunkResult(request.untilEpoch(), epochs);
  }

  @Override
  public ReportRef write(ReportRequest request) {
    reportCalls.add(request);
    return new ReportRef(List.of("plans/" + request.planWorkflowId() + "/report.md"), "| table |");
  }
}
