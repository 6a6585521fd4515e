package dev.cosinerepro.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cosinerepro.activities.data.DatasetCatalog;
import dev.cosinerepro.activities.report.ReportActivitiesImpl;
import dev.cosinerepro.activities.report.ReportCell;
import dev.cosinerepro.activities.report.ReportDocument;
import dev.cosinerepro.app.Offline;
import dev.cosinerepro.app.runtime.WorkerHost;
import dev.cosinerepro.app.stack.EmbeddedStack;
import dev.cosinerepro.app.stack.StackPorts;
import dev.cosinerepro.app.web.LivePageServer;
import dev.cosinerepro.app.web.LiveStatus;
import dev.cosinerepro.storage.Json;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.StoreKeys;
import dev.cosinerepro.workflows.TaskQueues;
import dev.cosinerepro.workflows.plan.ReproductionWorkflow;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanSpec;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two pages in a real browser (Debian's headless Chromium over the DevTools protocol): the live
 * page of a tiny plan on the embedded stack, while it trains and after, and its {@code report.html}
 * opened from disk. Each page must render without a console error, its tables must hold
 * report.json's numbers, and every chart must have its series. The screenshots are kept under
 * {@code app/target/browser/}. Skipped, with a message, when Chromium is not installed.
 */
class PagesInBrowserTest {
  /** Where the screenshots go. */
  static final Path SCREENSHOTS = Path.of("target", "browser");

  @TempDir Path home;

  @BeforeAll
  static void offline() {
    Offline.enforce();
  }

  @Test
  void theLivePageAndTheReportRenderTheirNumbersAndChartsInChromium() throws Exception {
    assumeTrue(
        HeadlessChromium.installed(),
        "Chromium is not installed at "
            + HeadlessChromium.BINARY
            + ": `apt-get install chromium` to run the browser tests.");
    FashionMnistFixture.ensure(home);
    DatasetCatalog catalog = FashionMnistFixture.catalog(home);
    PlanSpec plan =
        new PlanSpec(
            "pages",
            "k = 5, two epochs, for the browser test",
            List.of(
                GroupSpec.grid("xent", "quick", TinyPlans.run("xent"), List.of(0.1), List.of(0L)),
                GroupSpec.grid(
                    "cosine", "quick", TinyPlans.run("cosine"), List.of(0.05), List.of(0L))),
            1);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    try (EmbeddedStack stack =
            EmbeddedStack.start(home, registry, StackPorts.ephemeral(), Map.of());
        ObjectStore store = ObjectStore.connect(stack.s3Settings())) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporalTarget()).build());
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      try (WorkerHost worker =
              WorkerHost.start(client, store, home, registry, TaskQueues.ALL, 1, catalog, t -> t);
          LivePageServer page =
              LivePageServer.start(
                  new LiveStatus(client, store, () -> List.of(plan.workflowId())), store, 0);
          HeadlessChromium browser = HeadlessChromium.start()) {
        ReproductionWorkflow workflow =
            client.newWorkflowStub(
                ReproductionWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(TaskQueues.CPU)
                    .setWorkflowId(plan.workflowId())
                    .build());
        WorkflowClient.start(workflow::reproduce, plan);
        assertThat(page.url()).startsWith("http://127.0.0.1:");
        java.net.http.HttpResponse<String> post =
            java.net.http.HttpClient.newHttpClient()
                .send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(page.url() + "api/status"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as("the live page is read-only").isEqualTo(405);

        // While the plan trains: the page polls and redraws.
        browser.open(page.url());
        browser.waitFor(
            "document.querySelector('section[data-plan=\"" + plan.workflowId() + "\"]')",
            Duration.ofSeconds(30));
        WorkflowStub.fromTyped(workflow)
            .getResult(
                Duration.ofMinutes(3).toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS,
                Object.class);
        browser.waitFor(
            "document.querySelectorAll('a.report-link').length === 1"
                + " && document.querySelectorAll('div.run-curves').length === 2",
            Duration.ofSeconds(30));

        assertThat(browser.errors()).as("console errors of the live page").isEmpty();
        assertThat(browser.evaluate("Number(document.body.dataset.loaded)").asInt())
            .as("refreshes")
            .isGreaterThanOrEqualTo(2);
        assertThat(texts(browser, "section.plan h3[data-group]", "getAttribute('data-group')"))
            .containsExactly("xent", "cosine");
        assertThat(texts(browser, "table.runs tr[data-run] td:nth-child(2)", "textContent"))
            .containsExactly("done", "done");
        for (JsonNode chart : browser.evaluate(chartsScript("div.run-curves svg.chart"))) {
          assertThat(chart.get("declared").asInt()).isEqualTo(chart.get("drawn").asInt());
        }
        // Per run: accuracy (training: 2 epochs, test: evaluated after epoch 2), loss, rate.
        assertThat(
                texts(
                    browser,
                    "div.run-curves g.series",
                    "getAttribute('data-name') + '=' + e.getAttribute('data-points')"))
            .containsExactly(
                "training accuracy=2",
                "test accuracy=1",
                "training loss=2",
                "learning rate=2",
                "training accuracy=2",
                "test accuracy=1",
                "training loss=2",
                "learning rate=2");
        browser.screenshot(SCREENSHOTS.resolve("live-page.png"));

        browser.open(page.url() + "report/" + plan.workflowId());
        assertThat(browser.evaluate("document.title").asText())
            .isEqualTo("Reproduction report: plan 'pages'");
      }

      Path file = home.resolve("report.html");
      Files.write(
          file,
          store.get(StoreKeys.report(plan.workflowId(), ReportActivitiesImpl.HTML)).orElseThrow());
      System.out.printf(
          Locale.ROOT, "report.html of the browser test's tiny plan: %d bytes%n", Files.size(file));
      ReportDocument document =
          Json.read(
              store.get(StoreKeys.report(plan.workflowId(), "report.json")).orElseThrow(),
              ReportDocument.class);
      try (HeadlessChromium browser = HeadlessChromium.start()) {
        browser.open(file.toUri().toString());

        assertThat(browser.errors()).as("console errors of report.html").isEmpty();
        assertThat(document.pivots()).hasSize(2);
        for (ReportCell cell : document.pivots()) {
          String td =
              "document.querySelector('td[data-section=\"quick\"][data-group=\""
                  + cell.group()
                  + "\"]')";
          assertThat(browser.evaluate(td + ".querySelector('.best').textContent").asText())
              .isEqualTo(String.format(Locale.ROOT, "%.2f", 100 * cell.meanBest()));
          assertThat(browser.evaluate(td + ".querySelector('.final').textContent").asText())
              .isEqualTo(String.format(Locale.ROOT, "%.2f", 100 * cell.meanFinal()));
        }
        JsonNode charts = browser.evaluate(chartsScript("svg.chart"));
        // Two learning-rate grids, then three curves for each of the two runs.
        assertThat(charts).hasSize(2 + 3 * 2);
        for (JsonNode chart : charts) {
          assertThat(chart.get("drawn").asInt()).isPositive();
          assertThat(chart.get("declared").asInt()).isEqualTo(chart.get("drawn").asInt());
        }
        assertThat(browser.evaluate("document.querySelectorAll('figure.rate-grid').length").asInt())
            .isEqualTo(2);
        assertThat(browser.evaluate("document.querySelectorAll('div.run').length").asInt())
            .isEqualTo(2);
        assertThat(browser.evaluate("document.querySelectorAll('g.marker').length").asInt())
            .as("one SGDR cycle: no restart to mark")
            .isZero();
        browser.screenshot(SCREENSHOTS.resolve("report.png"));
      }
      assertThat(SCREENSHOTS.resolve("report.png")).isNotEmptyFile();
      stubs.shutdownNow();
    }
  }

  private static String chartsScript(String selector) {
    return "Array.from(document.querySelectorAll('"
        + selector
        + "')).map(s => ({declared: Number(s.getAttribute('data-series')),"
        + " drawn: s.querySelectorAll('g.series').length}))";
  }

  private static List<String> texts(HeadlessChromium browser, String selector, String property)
      throws Exception {
    JsonNode values =
        browser.evaluate(
            "Array.from(document.querySelectorAll('"
                + selector.replace("'", "\\'")
                + "')).map(e => e."
                + property
                + ")");
    return java.util.stream.StreamSupport.stream(values.spliterator(), false)
        .map(JsonNode::asText)
        .toList();
  }
}
