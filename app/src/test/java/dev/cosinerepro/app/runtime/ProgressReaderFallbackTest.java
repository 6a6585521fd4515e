package dev.cosinerepro.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.app.stack.EmbeddedTemporal;
import dev.cosinerepro.workflows.group.GroupWorkflow;
import dev.cosinerepro.workflows.plan.ReproductionWorkflow;
import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.GroupProgress;
import dev.cosinerepro.workflows.spec.GroupRequest;
import dev.cosinerepro.workflows.spec.PlanProgress;
import dev.cosinerepro.workflows.spec.PlanResult;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunProgress;
import dev.cosinerepro.workflows.spec.RunState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Workflows started by a build before the progress memos publish nothing there: the reader falls
 * back to their progress queries. Stand-ins of such a reproduction and group (the same workflow
 * types, answering the queries, no memo) run on the embedded Temporal server.
 */
class ProgressReaderFallbackTest {
  static final String QUEUE = "fallback";
  static final String PLAN_ID = "plan-fallback";
  static final String GROUP_ID = GroupWorkflow.workflowId(PLAN_ID, "g");
  static final List<RunProgress> RUNS =
      List.of(
          new RunProgress("r1", "lr 0.1 seed 0", RunState.DONE, 2, 2, 0.5, 0.6, 1.0, ""),
          new RunProgress("r2", "lr 0.1 seed 1", RunState.RUNNING, 1, 2, 0.4, 0.4, 2.0, ""),
          new RunProgress("r3", "lr 0.1 seed 2", RunState.PENDING, 0, 2, null, null, null, ""));

  /** A reproduction as an older build ran it: progress by query only. */
  public static final class OldReproduction implements ReproductionWorkflow {
    @Override
    public PlanResult reproduce(PlanSpec plan) {
      GroupWorkflow group =
          Workflow.newChildWorkflowStub(
              GroupWorkflow.class,
              ChildWorkflowOptions.newBuilder()
                  .setWorkflowId(GROUP_ID)
                  .setTaskQueue(QUEUE)
                  .build());
      Async.function(group::run, (GroupRequest) null);
      Workflow.sleep(Duration.ofHours(1));
      return null;
    }

    @Override
    public PlanProgress progress() {
      return new PlanProgress(
          PLAN_ID,
          "old",
          "running",
          List.of(new GroupProgress("g", GROUP_ID, RunState.RUNNING, 6, null, null, null, "")),
          List.of());
    }
  }

  /** A group as an older build ran it: its runs by query only. */
  public static final class OldGroup implements GroupWorkflow {
    @Override
    public GroupOutcome run(GroupRequest request) {
      Workflow.sleep(Duration.ofHours(1));
      return null;
    }

    @Override
    public List<RunProgress> runs() {
      return RUNS;
    }
  }

  @Test
  void withoutMemosThePlanAndItsGroupAreReadThroughTheirQueries() throws Exception {
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0)) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      WorkerFactory factory = WorkerFactory.newInstance(client);
      try {
        Worker worker =
            factory.newWorker(
                QUEUE,
                WorkerOptions.newBuilder()
                    .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
                    .build());
        worker.registerWorkflowImplementationTypes(OldReproduction.class, OldGroup.class);
        factory.start();
        WorkflowClient.start(
            client.newWorkflowStub(
                    ReproductionWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(PLAN_ID).build())
                ::reproduce,
            (PlanSpec) null);
        ProgressReader reader = new ProgressReader(client);
        PlanView view = awaitGroupRuns(reader);

        assertThat(view.progress().planName()).isEqualTo("old");
        PlanView.GroupView group = view.groups().get(0);
        assertThat(group.summary()).as("no memo, so no summary").isNull();
        assertThat(group.runs()).extracting(LiveRun::progress).containsExactlyElementsOf(RUNS);
        assertThat(view.doneEpochs()).as("2 of the done run + 1 of the running one").isEqualTo(3);
        assertThat(view.totalEpochs()).isEqualTo(6);
        assertThat(view.secondsLeft()).as("3 epochs at the running run's 2 s each").isEqualTo(6);
      } finally {
        factory.shutdownNow();
        stubs.shutdownNow();
      }
    }
  }

  /** The view once the group's child workflow has started and answers its query. */
  private static PlanView awaitGroupRuns(ProgressReader reader) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      try {
        PlanView view = reader.plan(PLAN_ID);
        if (!view.groups().get(0).runs().isEmpty()) {
          return view;
        }
      } catch (RuntimeException notStartedYet) {
        // the plan workflow has not run its first task yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the group's runs never reached the reader");
  }
}
