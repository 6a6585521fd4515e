package dev.cosinerepro.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.workflows.group.GroupWorkflowImpl;
import dev.cosinerepro.workflows.plan.ReproductionWorkflow;
import dev.cosinerepro.workflows.plan.ReproductionWorkflowImpl;
import dev.cosinerepro.workflows.run.RunWorkflowImpl;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Guards the workflows against nondeterminism: histories recorded from an earlier build are
 * replayed against the current code. A change that would break running reproductions fails here.
 *
 * <p>To record new histories after an intended, versioned change: {@code mvn -pl workflows test
 * -Dtest=ReplayTest -Drecord.histories=true}, then commit the files under {@code
 * src/test/resources/histories}.
 */
class ReplayTest {
  private static final Path HISTORIES = Path.of("src/test/resources/histories");
  private static final String PLAN = "histories/reproduction-memo.json";
  private static final String GROUP = "histories/group-halving-memo.json";
  private static final String IDS = "histories/workflow-ids.properties";

  /** Recorded before recipe version 2: flat run specs, which must keep their run ids. */
  @Test
  void aReproductionRecordedWithFlatSpecsReplays() throws Exception {
    replay("histories/reproduction.json");
  }

  @Test
  void aHalvingGroupRecordedWithFlatSpecsReplays() throws Exception {
    replay("histories/group-halving.json");
  }

  /** Recorded with recipe version 2 before the progress memos (Workflow.getVersion default). */
  @Test
  void aReproductionRecordedBeforeTheProgressMemosReplays() throws Exception {
    replay("histories/reproduction-recipe2.json");
  }

  @Test
  void aHalvingGroupRecordedBeforeTheProgressMemosReplays() throws Exception {
    replay("histories/group-halving-recipe2.json");
  }

  @Test
  void theRecordedReproductionReplays() throws Exception {
    replay(PLAN);
  }

  @Test
  void theRecordedHalvingGroupReplays() throws Exception {
    replay(GROUP);
  }

  /** Replays a history under its own workflow id (child workflow ids derive from it). */
  private static void replay(String resource) throws Exception {
    String json;
    try (var in = ReplayTest.class.getClassLoader().getResourceAsStream(resource)) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Properties ids = new Properties();
    try (var in = ReplayTest.class.getClassLoader().getResourceAsStream(IDS)) {
      ids.load(in);
    }
    String workflowId = ids.getProperty(resource.substring(resource.lastIndexOf('/') + 1));
    WorkflowReplayer.replayWorkflowExecution(
        WorkflowExecutionHistory.fromJson(json, workflowId),
        ReproductionWorkflowImpl.class,
        GroupWorkflowImpl.class,
        RunWorkflowImpl.class);
  }

  @Test
  void recordHistoriesWhenAsked() throws IOException {
    if (!Boolean.getBoolean("record.histories")) {
      assertThat(ReplayTest.class.getClassLoader().getResource(PLAN)).isNotNull();
      return;
    }
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      FakeActivities fakes = new FakeActivities();
      Worker cpu = env.newWorker(TaskQueues.CPU);
      cpu.registerWorkflowImplementationTypes(
          ReproductionWorkflowImpl.class, GroupWorkflowImpl.class, RunWorkflowImpl.class);
      cpu.registerActivitiesImplementations(fakes);
      env.newWorker(TaskQueues.GPU).registerActivitiesImplementations(fakes);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      fakes.failingObjectives.add("cosine");
      PlanSpec plan =
          new PlanSpec(
              "recorded",
              "",
              List.of(
                  GroupSpec.grid(
                      "xent",
                      "table2",
                      Fixtures.template(10, "xent", 2),
                      List.of(0.1, 0.01),
                      List.of(0L)),
                  GroupSpec.grid(
                      "cosine",
                      "table2",
                      Fixtures.template(10, "cosine", 1),
                      List.of(0.1),
                      List.of(0L)),
                  GroupSpec.atRateOf(
                      "fig", "fig3", Fixtures.template(20, "xent", 1), "xent", List.of(0L, 1L))),
              2,
              "halving");
      ReproductionWorkflow workflow =
          client.newWorkflowStub(
              ReproductionWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue(TaskQueues.CPU)
                  .setWorkflowId(plan.workflowId())
                  .build());
      workflow.reproduce(plan);
      Files.createDirectories(HISTORIES);
      write(client.fetchHistory(plan.workflowId()), name(PLAN));
      write(client.fetchHistory(plan.workflowId() + "/xent"), name(GROUP));
      Path idsFile = HISTORIES.resolve(name(IDS));
      Properties ids = new Properties();
      try (var in = Files.newBufferedReader(idsFile, StandardCharsets.UTF_8)) {
        ids.load(in);
      }
      ids.setProperty(name(PLAN), plan.workflowId());
      ids.setProperty(name(GROUP), plan.workflowId() + "/xent");
      try (var out = Files.newBufferedWriter(idsFile, StandardCharsets.UTF_8)) {
        ids.store(out, "workflow id of each recorded history");
      }
    }
  }

  private static String name(String resource) {
    return resource.substring(resource.lastIndexOf('/') + 1);
  }

  private static void write(WorkflowExecutionHistory history, String name) throws IOException {
    Files.writeString(HISTORIES.resolve(name), history.toJson(true), StandardCharsets.UTF_8);
  }
}
