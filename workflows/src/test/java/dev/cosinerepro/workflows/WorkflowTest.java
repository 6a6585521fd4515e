package dev.cosinerepro.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cosinerepro.workflows.group.GroupWorkflowImpl;
import dev.cosinerepro.workflows.plan.ReproductionWorkflow;
import dev.cosinerepro.workflows.plan.ReproductionWorkflowImpl;
import dev.cosinerepro.workflows.run.RunWorkflow;
import dev.cosinerepro.workflows.run.RunWorkflowImpl;
import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanResult;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RateOutcome;
import dev.cosinerepro.workflows.spec.RunOutcome;
import dev.cosinerepro.workflows.spec.RunRequest;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.RunState;
import dev.cosinerepro.workflows.spec.RunTemplate;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The workflows against fake activities on the time-skipping test environment. */
@org.junit.jupiter.api.Timeout(60)
class WorkflowTest {
  private TestWorkflowEnvironment env;
  private FakeActivities fakes;
  private WorkflowClient client;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    fakes = new FakeActivities();
    Worker cpu = env.newWorker(TaskQueues.CPU);
    cpu.registerWorkflowImplementationTypes(
        ReproductionWorkflowImpl.class, GroupWorkflowImpl.class, RunWorkflowImpl.class);
    cpu.registerActivitiesImplementations(fakes);
    Worker gpu = env.newWorker(TaskQueues.GPU);
    gpu.registerActivitiesImplementations(fakes);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private RunOutcome runOne(RunSpec spec, int chunk) {
    RunWorkflow workflow =
        client.newWorkflowStub(
            RunWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.CPU)
                .setWorkflowId(RunWorkflow.workflowId(spec.id()))
                .build());
    return workflow.run(new RunRequest(spec, chunk));
  }

  @Test
  void aRunTrainsInChunksUntilItsLastEpoch() {
    RunSpec spec = Fixtures.run(10, "xent", 2); // 9 epochs
    RunOutcome outcome = runOne(spec, 4);
    assertThat(outcome.state()).isEqualTo(RunState.DONE);
    assertThat(fakes.trainingCalls)
        .containsExactly(spec.id() + ":4", spec.id() + ":8", spec.id() + ":9");
    assertThat(fakes.dataCalls).containsExactly(spec.dataRequest());
    assertThat(outcome.result().epochs()).isEqualTo(9);
  }

  @Test
  void aFinishedRunIsSkippedWithoutPreparingOrTraining() {
    RunSpec spec = Fixtures.run(10, "xent", 1);
    fakes.finish(spec);
    RunOutcome outcome = runOne(spec, 1);
    assertThat(outcome.state()).isEqualTo(RunState.SKIPPED);
    assertThat(fakes.trainingCalls).isEmpty();
    assertThat(fakes.dataCalls).isEmpty();
  }

  @Test
  void anInterruptedRunResumesFromItsLatestCheckpoint() {
    RunSpec spec = Fixtures.run(10, "xent", 2); // 9 epochs
    fakes.checkpoints.put(spec.id(), 5);
    runOne(spec, 3);
    assertThat(fakes.trainingCalls).containsExactly(spec.id() + ":8", spec.id() + ":9");
  }

  @Test
  void aTransientTrainingFailureIsRetried() {
    RunSpec spec = Fixtures.run(10, "xent", 1);
    fakes.transientFailures = 2;
    RunOutcome outcome = runOne(spec, 3);
    assertThat(outcome.state()).isEqualTo(RunState.DONE);
    assertThat(fakes.trainingCalls)
        .containsExactly(spec.id() + ":3", spec.id() + ":3", spec.id() + ":3");
  }

  private PlanResult reproduce(PlanSpec plan) {
    ReproductionWorkflow workflow =
        client.newWorkflowStub(
            ReproductionWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.CPU)
                .setWorkflowId(plan.workflowId())
                .build());
    PlanResult result = workflow.reproduce(plan);
    assertThat(workflow.progress().phase()).isEqualTo("done");
    return result;
  }

  @Test
  void aPlanChoosesEachGroupsBestRateReportsFailuresAndFeedsDependentGroups() {
    RunTemplate xent = Fixtures.template(10, "xent", 1);
    RunTemplate cosine = Fixtures.template(10, "cosine", 1);
    fakes.failingObjectives.add("cosine");
    GroupSpec grid = GroupSpec.grid("xent", "table2", xent, List.of(1.0, 0.1, 0.01), List.of(0L));
    GroupSpec failing = GroupSpec.grid("cosine", "table2", cosine, List.of(0.1), List.of(0L));
    GroupSpec figure =
        GroupSpec.atRateOf(
            "fig", "fig3", Fixtures.template(20, "xent", 1), "xent", List.of(0L, 1L));
    PlanSpec plan = new PlanSpec("test", "", List.of(grid, failing, figure), 2);

    PlanResult result = reproduce(plan);

    GroupOutcome chosen = result.groups().get(0);
    assertThat(chosen.chosenLearningRate()).isEqualTo(0.1);
    assertThat(chosen.rates()).extracting(RateOutcome::finishedRuns).containsExactly(1, 1, 1);
    assertThat(chosen.chosen().meanBest()).isEqualTo(0.9);
    GroupOutcome failed = result.groups().get(1);
    assertThat(failed.chosenLearningRate()).isNull();
    assertThat(failed.failures()).singleElement().asString().contains("NaN at epoch 0, step 3");
    GroupOutcome dependent = result.groups().get(2);
    assertThat(dependent.rates())
        .singleElement()
        .extracting(RateOutcome::learningRate)
        .isEqualTo(0.1);
    assertThat(dependent.rates().get(0).runIds()).hasSize(2);
    assertThat(result.failures()).hasSize(1);
    assertThat(fakes.reportCalls).singleElement().satisfies(r -> assertThat(r.groups()).hasSize(3));
    assertThat(result.report().keys()).containsExactly("plans/" + plan.workflowId() + "/report.md");

    // Again: every run is found finished in the store, nothing trains.
    int calls = fakes.trainingCalls.size();
    PlanResult again = reproduce(plan.withSearch("grid"));
    assertThat(fakes.trainingCalls).hasSize(calls + 1); // only the failing run tries again
    assertThat(again.groups().get(0).chosenLearningRate()).isEqualTo(0.1);
  }

  /** The whole rehearsed paper plan through the workflows: every group gets a rate and a result. */
  @Test
  void theWholeRehearsedPaperPlanRunsThroughTheWorkflows() {
    PlanSpec rehearsal =
        dev.cosinerepro.workflows.plan.Rehearsal.of(
            dev.cosinerepro.workflows.plan.Plans.byName("paper"),
            dev.cosinerepro.workflows.spec.Shrinkage.DEFAULT);

    PlanResult result = reproduce(rehearsal);

    assertThat(result.failures()).isEmpty();
    assertThat(result.groups()).hasSize(rehearsal.groups().size());
    assertThat(result.groups())
        .allSatisfy(group -> assertThat(group.chosenLearningRate()).as(group.name()).isNotNull());
    assertThat(fakes.reportCalls)
        .singleElement()
        .satisfies(request -> assertThat(request.plan().rehearsed()).isTrue());
  }

  @Test
  void successiveHalvingDropsTheWorseHalfAtEachRestart() {
    RunTemplate template = Fixtures.template(10, "xent", 2); // cycles end at 3 and 9
    GroupSpec grid =
        GroupSpec.grid("g", "t", template, List.of(1.0, 0.1, 0.01, 0.001), List.of(0L));
    PlanResult result = reproduce(new PlanSpec("halving", "", List.of(grid), 9, "halving"));

    GroupOutcome outcome = result.groups().get(0);
    assertThat(outcome.chosenLearningRate()).isEqualTo(0.1);
    assertThat(outcome.rates())
        .extracting(
            RateOutcome::learningRate, RateOutcome::stoppedAtEpoch, RateOutcome::finishedRuns)
        .containsExactly(tuple(1.0, 0, 1), tuple(0.1, 0, 1), tuple(0.01, 3, 0), tuple(0.001, 3, 0));
    // 4 rates x 3 epochs, then 2 rates x 6 more: 24 epochs instead of 36.
    assertThat(outcome.epochsTrained()).isEqualTo(24);
  }

  @Test
  void theSameRunInTwoGroupsTrainsOnceAndBothGroupsGetIt() {
    RunTemplate shared = Fixtures.template(10, "xent", 1);
    GroupSpec first = GroupSpec.grid("a", "t", shared, List.of(0.1), List.of(0L));
    GroupSpec second = GroupSpec.grid("b", "t", shared, List.of(0.1), List.of(0L));
    PlanResult result = reproduce(new PlanSpec("twins", "", List.of(first, second), 1));

    assertThat(result.failures()).isEmpty();
    assertThat(result.groups())
        .extracting(GroupOutcome::chosenLearningRate)
        .containsExactly(0.1, 0.1);
    // 3 one-epoch chunks, once: the twin waited and then found the result
    assertThat(fakes.trainingCalls).hasSize(3);
  }
}
