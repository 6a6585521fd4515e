package dev.cosinerepro.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.workflows.plan.ReproductionWorkflow;
import dev.cosinerepro.workflows.plan.ReproductionWorkflowImpl;
import dev.cosinerepro.workflows.run.RunWorkflow;
import dev.cosinerepro.workflows.run.RunWorkflowImpl;
import dev.cosinerepro.workflows.spec.PlanResult;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunOutcome;
import dev.cosinerepro.workflows.spec.RunProgress;
import dev.cosinerepro.workflows.spec.RunRequest;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.RunState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The workflows against fake activities on the time-skipping test environment. */
class WorkflowTest {
  private TestWorkflowEnvironment env;
  private FakeActivities fakes;
  private WorkflowClient client;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    fakes = new FakeActivities();
    Worker cpu = env.newWorker(TaskQueues.CPU);
    cpu.registerWorkflowImplementationTypes(ReproductionWorkflowImpl.class, RunWorkflowImpl.class);
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

  @Test
  void aPlanRunsEveryRunReportsFailuresAndWritesTheReport() {
    RunSpec good = Fixtures.run(10, "xent", 1);
    RunSpec bad = Fixtures.run(10, "cosine", 1);
    RunSpec done = Fixtures.run(20, "xent", 1);
    fakes.failingObjectives.add("cosine");
    fakes.finish(done);
    PlanSpec plan = new PlanSpec("test", "", List.of(good, bad, done), 2);
    ReproductionWorkflow workflow =
        client.newWorkflowStub(
            ReproductionWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.CPU)
                .setWorkflowId(plan.workflowId())
                .build());
    PlanResult result = workflow.reproduce(plan);

    assertThat(result.runs())
        .extracting(RunProgress::runId, RunProgress::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(good.id(), RunState.DONE),
            org.assertj.core.groups.Tuple.tuple(bad.id(), RunState.FAILED),
            org.assertj.core.groups.Tuple.tuple(done.id(), RunState.SKIPPED));
    assertThat(result.runs().get(1).message()).contains("NaN at epoch 0, step 3");
    assertThat(result.failedRuns()).isEqualTo(1);
    assertThat(fakes.reportCalls).hasSize(1);
    assertThat(fakes.reportCalls.get(0).runIds()).containsExactly(good.id(), bad.id(), done.id());
    assertThat(result.report().keys()).containsExactly("plans/" + plan.workflowId() + "/report.md");
    assertThat(workflow.progress().phase()).isEqualTo("done");
  }
}
