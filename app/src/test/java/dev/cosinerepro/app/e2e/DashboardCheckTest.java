package dev.cosinerepro.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cosinerepro.activities.data.DatasetCatalog;
import dev.cosinerepro.app.Offline;
import dev.cosinerepro.app.clients.ExternalTool;
import dev.cosinerepro.app.runtime.PlanFollower;
import dev.cosinerepro.app.runtime.PlanMetrics;
import dev.cosinerepro.app.runtime.TemporalMetrics;
import dev.cosinerepro.app.runtime.WorkerHost;
import dev.cosinerepro.app.stack.EmbeddedStack;
import dev.cosinerepro.app.stack.StackPorts;
import dev.cosinerepro.datasets.catalog.FashionMnist;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.workflows.TaskQueues;
import dev.cosinerepro.workflows.plan.ReproductionWorkflow;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunTemplate;
import dev.cosinerepro.workflows.spec.ScheduleRecipe;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowQueryException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dashboards/check.sh} against Debian's prometheus, scraping the metrics endpoint of an
 * embedded stack that has trained a one-run plan: every panel of the Grafana dashboard returns
 * series, and a panel whose query returns nothing makes the check fail.
 */
class DashboardCheckTest {
  private static final Path DASHBOARDS = Path.of("..", "dashboards").toAbsolutePath().normalize();

  @TempDir Path home;

  @BeforeAll
  static void offline() {
    Offline.enforce();
  }

  @Test
  void everyPanelHasSeriesAndAnEmptyPanelFailsTheCheck() throws Exception {
    ExternalTool.require("prometheus", "prometheus", "promtool", "curl");
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (EmbeddedStack stack =
            EmbeddedStack.start(home, registry, StackPorts.ephemeral(), Map.of());
        ObjectStore store = ObjectStore.connect(stack.s3Settings())) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget(stack.temporalTarget())
                  .setMetricsScope(TemporalMetrics.scope(registry))
                  .build());
      try (WorkerHost worker =
          WorkerHost.start(
              WorkflowClient.newInstance(stubs),
              store,
              home,
              registry,
              TaskQueues.ALL,
              1,
              catalog(),
              real -> real)) {
        String planId = trainOneRun(WorkflowClient.newInstance(stubs), new PlanMetrics(registry));
        assertThat(registry.scrape())
            .as("the plan's ETA, set by the follower, is 0 once the plan is done")
            .contains("repro_plan_eta_seconds{plan=\"" + planId + "\"} 0.0")
            .contains("repro_plan_epochs_remaining{plan=\"" + planId + "\"} 0.0");
        URI metrics = URI.create(stack.metricsUrl());
        String target = metrics.getHost() + ":" + metrics.getPort();

        ExternalTool.Outcome check =
            checkScript(target, DASHBOARDS.resolve("grafana/cosine-repro.json"));
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output())
            .contains("Training loss (latest step)")
            .contains("Plan ETA (to the last epoch at the current pace)")
            .doesNotContain(" 0 series");

        Path broken = home.resolve("broken-dashboard.json");
        writeWithEmptyPanel(DASHBOARDS.resolve("grafana/cosine-repro.json"), broken);
        ExternalTool.Outcome failing = checkScript(target, broken);
        assertThat(failing.exitCode()).as(failing.output()).isNotZero();
        assertThat(failing.output()).containsPattern("A panel nobody feeds +0 series");
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  private static ExternalTool.Outcome checkScript(String target, Path dashboard) throws Exception {
    return ExternalTool.run(
        Map.of(),
        120,
        List.of("bash", DASHBOARDS.resolve("check.sh").toString(), target, dashboard.toString()));
  }

  private static void writeWithEmptyPanel(Path dashboard, Path copy) throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode root = json.readTree(dashboard.toFile());
    ObjectNode panel = ((ArrayNode) root.get("panels")).addObject();
    panel.put("title", "A panel nobody feeds");
    panel.putArray("targets").addObject().put("expr", "repro_series_that_does_not_exist");
    json.writeValue(copy.toFile(), root);
  }

  private DatasetCatalog catalog() throws Exception {
    FashionMnistFixture.ensure(home);
    return FashionMnistFixture.realDataInstalled()
        ? DatasetCatalog.standard(home, false)
        : DatasetCatalog.of(
            Map.of(
                "fashion-mnist",
                split ->
                    FashionMnist.load(home.resolve("datasets").resolve("fashion-mnist"), split)));
  }

  /**
   * A one-run plan of two one-epoch chunks, after a query that fails (the failures panel's),
   * followed to its end as {@code repro reproduce} follows it (which sets the plan series).
   *
   * @return the plan's workflow id
   */
  private static String trainOneRun(WorkflowClient client, PlanMetrics metrics) throws Exception {
    RunTemplate run =
        RunTemplate.builder()
            .setDataset("fashion-mnist")
            .optSamplesPerClass(5)
            .optAugmentation("flip-shift")
            .setArchitecture("resnet8")
            .setLoss("xent")
            .setBatchSize(25)
            .optSchedule(ScheduleRecipe.sgdr(1, 2))
            .optEvalEvery(1)
            .build();
    PlanSpec plan =
        new PlanSpec(
            "dashboards",
            "one run for the dashboard check",
            List.of(GroupSpec.grid("xent", "quick", run, List.of(0.1), List.of(0L))),
            1);
    try {
      client.newWorkflowStub(ReproductionWorkflow.class, plan.workflowId()).progress();
    } catch (WorkflowNotFoundException | WorkflowQueryException expected) {
      // the workflow does not exist yet
    }
    ReproductionWorkflow workflow =
        client.newWorkflowStub(
            ReproductionWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.CPU)
                .setWorkflowId(plan.workflowId())
                .build());
    WorkflowClient.start(workflow::reproduce, plan);
    new PlanFollower(client, new PrintWriter(new StringWriter(), true), false, metrics)
        .follow(plan.workflowId());
    return plan.workflowId();
  }
}
