package dev.cosinerepro.workflows.group;

import dev.cosinerepro.workflows.Failures;
import dev.cosinerepro.workflows.TaskQueues;
import dev.cosinerepro.workflows.run.RunWorkflow;
import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.GroupRequest;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.GroupSummary;
import dev.cosinerepro.workflows.spec.ProgressMemo;
import dev.cosinerepro.workflows.spec.RateOutcome;
import dev.cosinerepro.workflows.spec.RunOutcome;
import dev.cosinerepro.workflows.spec.RunProgress;
import dev.cosinerepro.workflows.spec.RunRequest;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.RunState;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The group workflow. Pure orchestration.
 *
 * <p>Grid search trains every (rate, seed) run to its end. Successive halving trains every rate to
 * the end of the first SGDR cycle, ranks the rates by their mean test accuracy there, keeps the
 * better half (rounded up) for the next cycle, and so on until one rate is left, which trains to
 * the end. A dropped rate's checkpoints stay in the store, so a later grid search over the same
 * runs resumes them instead of starting again.
 */
public final class GroupWorkflowImpl implements GroupWorkflow {
  private static final Duration TWIN_WAIT = Duration.ofSeconds(30);

  private final Map<String, RunProgress> runs = new LinkedHashMap<>();
  private long epochsTrained;
  private final List<String> failures = new ArrayList<>();
  private boolean publishesMemo;
  private GroupSummary published;

  @Override
  public GroupOutcome run(GroupRequest request) {
    publishesMemo = Workflow.getVersion(ProgressMemo.CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1;
    GroupSpec group = request.group();
    for (RunSpec spec : group.runsAt(request.learningRates())) {
      runs.putIfAbsent(spec.id(), RunProgress.pending(spec));
    }
    Map<Double, List<RunOutcome>> finished = new LinkedHashMap<>();
    Map<Double, int[]> stoppedAt = new LinkedHashMap<>();
    Map<Double, Double> stoppedAccuracy = new LinkedHashMap<>();
    List<Double> alive = new ArrayList<>(request.learningRates());
    if ("halving".equals(request.search()) && alive.size() > 1) {
      for (int stageEnd : group.template().cycleEnds()) {
        if (alive.size() <= 1 || stageEnd >= group.template().totalEpochs()) {
          break;
        }
        Map<Double, List<RunOutcome>> stage =
            runRates(group, alive, request.epochsPerChunk(), stageEnd);
        List<Double> ranked = new ArrayList<>(alive);
        ranked.removeIf(rate -> meanAccuracy(stage.get(rate)) == null);
        ranked.sort(
            Comparator.comparing((Double rate) -> meanAccuracy(stage.get(rate))).reversed());
        int keep = (ranked.size() + 1) / 2;
        for (double rate : alive) {
          if (!ranked.subList(0, Math.min(keep, ranked.size())).contains(rate)) {
            stoppedAt.put(rate, new int[] {stageEnd});
            stoppedAccuracy.put(rate, meanAccuracy(stage.get(rate)));
          }
        }
        alive = new ArrayList<>(ranked.subList(0, Math.min(keep, ranked.size())));
      }
    }
    finished.putAll(runRates(group, alive, request.epochsPerChunk(), 0));

    List<RateOutcome> rates = new ArrayList<>();
    for (double rate : request.learningRates()) {
      List<String> ids = group.runsAt(List.of(rate)).stream().map(RunSpec::id).toList();
      List<RunOutcome> done = finished.getOrDefault(rate, List.of());
      rates.add(
          Summaries.rate(
              rate,
              ids,
              done,
              stoppedAt.containsKey(rate) ? stoppedAt.get(rate)[0] : 0,
              stoppedAccuracy.get(rate)));
    }
    Double chosen =
        rates.stream()
            .filter(rate -> rate.meanBest() != null)
            .max(Comparator.comparing(RateOutcome::meanBest))
            .map(RateOutcome::learningRate)
            .orElse(null);
    return new GroupOutcome(
        group.name(), group.table(), group.template(), rates, chosen, epochsTrained, failures);
  }

  @Override
  public List<RunProgress> runs() {
    return List.copyOf(runs.values());
  }

  /**
   * Runs every seed of the given rates to {@code stopAtEpoch} (0: the end), in parallel; failures
   * are recorded.
   */
  private Map<Double, List<RunOutcome>> runRates(
      GroupSpec group, List<Double> rates, int epochsPerChunk, int stopAtEpoch) {
    Map<String, Promise<RunOutcome>> pending = new LinkedHashMap<>();
    Map<String, Double> rateOf = new LinkedHashMap<>();
    for (double rate : rates) {
      for (RunSpec spec : group.runsAt(List.of(rate))) {
        if (pending.containsKey(spec.id())) {
          continue;
        }
        RunWorkflow child = Workflow.newChildWorkflowStub(RunWorkflow.class, childOptions(spec));
        pending.put(
            spec.id(),
            Async.function(child::run, new RunRequest(spec, epochsPerChunk, stopAtEpoch)));
        rateOf.put(spec.id(), rate);
        runs.put(spec.id(), runs.get(spec.id()).withState(RunState.RUNNING, ""));
      }
    }
    publish();
    Map<Double, List<RunOutcome>> outcomes = new LinkedHashMap<>();
    for (double rate : rates) {
      outcomes.put(rate, new ArrayList<>());
    }
    for (Map.Entry<String, Promise<RunOutcome>> entry : pending.entrySet()) {
      String runId = entry.getKey();
      RunProgress before = runs.get(runId);
      try {
        RunOutcome outcome =
            awaitOrRetry(
                entry.getValue(), group, runId, rateOf.get(runId), epochsPerChunk, stopAtEpoch);
        epochsTrained += outcome.epochsTrained();
        outcomes.get(rateOf.get(runId)).add(outcome);
        runs.put(runId, Summaries.progressOf(before, outcome));
      } catch (TemporalFailure failure) {
        String message = Failures.rootMessage(failure);
        failures.add(before.label() + ": " + message);
        runs.put(runId, before.withState(RunState.FAILED, message));
      }
      publish();
    }
    return outcomes;
  }

  /**
   * Puts the runs' counts in the memo when they changed since the last time (a describe reads them
   * without replaying this workflow), from the version that does so on.
   */
  private void publish() {
    if (!publishesMemo) {
      return;
    }
    GroupSummary now = GroupSummary.of(runs.values());
    if (!now.equals(published)) {
      Workflow.upsertMemo(Map.of(ProgressMemo.KEY, now));
      published = now;
    }
  }

  /**
   * The run's outcome. When its workflow id was taken — the same run (equal spec) is running for
   * another group or another stage of this reproduction — it waits and starts it again: by then the
   * twin has finished or stopped, and the run is skipped or resumed from its checkpoints instead of
   * training twice at once.
   */
  private RunOutcome awaitOrRetry(
      Promise<RunOutcome> first,
      GroupSpec group,
      String runId,
      double rate,
      int epochsPerChunk,
      int stopAtEpoch) {
    Promise<RunOutcome> attempt = first;
    while (true) {
      try {
        return attempt.get();
      } catch (ChildWorkflowFailure failure) {
        if (!(failure.getCause() instanceof WorkflowExecutionAlreadyStarted)) {
          throw failure;
        }
        Workflow.sleep(TWIN_WAIT);
        RunSpec spec =
            group.runsAt(List.of(rate)).stream()
                .filter(candidate -> candidate.id().equals(runId))
                .findFirst()
                .orElseThrow();
        RunWorkflow child = Workflow.newChildWorkflowStub(RunWorkflow.class, childOptions(spec));
        attempt = Async.function(child::run, new RunRequest(spec, epochsPerChunk, stopAtEpoch));
      }
    }
  }

  private static ChildWorkflowOptions childOptions(RunSpec spec) {
    // Stages of successive halving reuse the id: they run one after the other.
    return ChildWorkflowOptions.newBuilder()
        .setWorkflowId(RunWorkflow.workflowId(spec.id()))
        .setTaskQueue(TaskQueues.CPU)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
        .build();
  }

  private static Double meanAccuracy(List<RunOutcome> outcomes) {
    if (outcomes == null || outcomes.isEmpty()) {
      return null;
    }
    double sum = 0;
    int count = 0;
    for (RunOutcome outcome : outcomes) {
      if (outcome.lastTestAccuracy() != null) {
        sum += outcome.lastTestAccuracy();
        count++;
      }
    }
    return count == 0 ? null : sum / count;
  }
}
