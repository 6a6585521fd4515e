package dev.cosinerepro.workflows.run;

import dev.cosinerepro.workflows.activity.ActivityStubs;
import dev.cosinerepro.workflows.activity.DataActivities;
import dev.cosinerepro.workflows.activity.RunStoreActivities;
import dev.cosinerepro.workflows.activity.TrainingActivities;
import dev.cosinerepro.workflows.spec.ChunkResult;
import dev.cosinerepro.workflows.spec.EmbeddingRequest;
import dev.cosinerepro.workflows.spec.EpochRecord;
import dev.cosinerepro.workflows.spec.PreparedData;
import dev.cosinerepro.workflows.spec.ProgressMemo;
import dev.cosinerepro.workflows.spec.RunOutcome;
import dev.cosinerepro.workflows.spec.RunProgress;
import dev.cosinerepro.workflows.spec.RunRequest;
import dev.cosinerepro.workflows.spec.RunResult;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.RunState;
import dev.cosinerepro.workflows.spec.StoredRun;
import dev.cosinerepro.workflows.spec.TrainingRequest;
import io.temporal.workflow.Workflow;
import java.util.Map;
import org.slf4j.Logger;

/** The run workflow. Pure orchestration: every side effect happens in an activity. */
public final class RunWorkflowImpl implements RunWorkflow {
  private static final Logger LOG = Workflow.getLogger(RunWorkflowImpl.class);

  private final RunStoreActivities runStore =
      Workflow.newActivityStub(RunStoreActivities.class, ActivityStubs.ledger());
  private final DataActivities data =
      Workflow.newActivityStub(DataActivities.class, ActivityStubs.dataPreparation());
  private final TrainingActivities training =
      Workflow.newActivityStub(TrainingActivities.class, ActivityStubs.training());

  private RunProgress progress;
  private double trainedSeconds;
  private int trainedEpochs;
  private boolean publishesMemo;
  private RunProgress published;

  @Override
  public RunOutcome run(RunRequest request) {
    publishesMemo = Workflow.getVersion(ProgressMemo.CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1;
    RunSpec spec = request.spec();
    int total = spec.totalEpochs();
    int target = request.stopAtEpoch() > 0 ? Math.min(request.stopAtEpoch(), total) : total;
    progress = RunProgress.pending(spec);
    StoredRun stored = runStore.lookup(spec);
    if (stored.finished() && target == total) {
      RunResult result = stored.result();
      progress = finishedProgress(spec, result, RunState.SKIPPED);
      publish();
      LOG.info("Run {} already has a result; skipping it", spec.id());
      return new RunOutcome(RunState.SKIPPED, result, total, result.finalTestAccuracy(), 0);
    }
    int completed = stored.finished() ? total : stored.completedEpochs();
    progress = at(RunState.RUNNING, completed, null, null);
    publish();
    if (completed < target) {
      PreparedData prepared = data.prepare(spec.dataRequest());
      String embeddingKey =
          spec.template().objective().oneHot()
              ? null
              : data.embedding(
                      new EmbeddingRequest(spec.embedding(), spec.dataset(), prepared.classNames()))
                  .key();
      while (completed < target) {
        int until = Math.min(target, completed + request.epochsPerChunk());
        ChunkResult chunk =
            training.train(new TrainingRequest(spec, prepared, until, embeddingKey));
        if (chunk.completedEpochs() <= completed) {
          throw new IllegalStateException(
              "Training of run " + spec.id() + " made no progress past epoch " + completed);
        }
        completed = chunk.completedEpochs();
        absorb(chunk);
        publish();
      }
    }
    if (target < total) {
      Double accuracy = runStore.testAccuracyAfter(spec, target);
      progress = at(RunState.STOPPED, completed, accuracy, progress.bestTestAccuracy());
      publish();
      return new RunOutcome(RunState.STOPPED, null, completed, accuracy, trainedEpochs);
    }
    RunResult result = runStore.finish(spec);
    progress = finishedProgress(spec, result, RunState.DONE);
    publish();
    return new RunOutcome(RunState.DONE, result, total, result.finalTestAccuracy(), trainedEpochs);
  }

  @Override
  public RunProgress progress() {
    return progress;
  }

  /**
   * Puts the progress in the memo when it changed since the last time (a describe reads it without
   * replaying this workflow), from the version that does so on.
   */
  private void publish() {
    if (publishesMemo && !progress.equals(published)) {
      Workflow.upsertMemo(Map.of(ProgressMemo.KEY, progress));
      published = progress;
    }
  }

  private void absorb(ChunkResult chunk) {
    Double last = progress.lastTestAccuracy();
    Double best = progress.bestTestAccuracy();
    for (EpochRecord epoch : chunk.epochs()) {
      trainedSeconds += epoch.seconds();
      trainedEpochs++;
      if (epoch.testAccuracy() != null) {
        last = epoch.testAccuracy();
        best = best == null ? last : Math.max(best, last);
      }
    }
    progress = at(RunState.RUNNING, chunk.completedEpochs(), last, best);
  }

  private RunProgress at(RunState state, int completedEpochs, Double last, Double best) {
    Double secondsPerEpoch = trainedEpochs == 0 ? null : trainedSeconds / trainedEpochs;
    return new RunProgress(
        progress.runId(),
        progress.label(),
        state,
        completedEpochs,
        progress.totalEpochs(),
        last,
        best,
        secondsPerEpoch,
        "");
  }

  private RunProgress finishedProgress(RunSpec spec, RunResult result, RunState state) {
    return new RunProgress(
        spec.id(),
        spec.label(),
        state,
        result.epochs(),
        spec.totalEpochs(),
        result.finalTestAccuracy(),
        result.bestTestAccuracy(),
        result.epochs() == 0 ? null : result.trainSeconds() / result.epochs(),
        "");
  }
}
