package dev.cosinerepro.activities.report;

import static dev.cosinerepro.activities.report.Outcomes.group;
import static dev.cosinerepro.activities.report.Outcomes.paperRun;
import static dev.cosinerepro.activities.report.Outcomes.rate;
import static dev.cosinerepro.activities.report.Outcomes.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.workflows.plan.Plans;
import dev.cosinerepro.workflows.spec.EpochRecord;
import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RateOutcome;
import dev.cosinerepro.workflows.spec.ReportRequest;
import dev.cosinerepro.workflows.spec.RunResult;
import dev.cosinerepro.workflows.spec.RunSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code report.html}: self-contained, its cells are report.json's numbers, its charts series. */
class HtmlReportTest {
  @Test
  void thePageIsSelfContainedAndHoldsEveryCellOfTheDocument() {
    List<GroupOutcome> groups = new ArrayList<>(ReportTest.table2Groups());
    groups.add(
        group(
            "fig3/cub200/cosine/5",
            "fig3",
            paperRun("cub200", 5, "cosine", "onehot"),
            rate(0.5, values(0.2, 0.22), values(0.19, 0.2))));
    groups.add(
        group(
            "fig3/cub200/xent/5",
            "fig3",
            paperRun("cub200", 5, "xent", "onehot"),
            rate(0.5, values(0.12, 0.15), values(0.11, 0.12))));
    Report report = Report.of(ReportTest.request("grid", groups), Map.of(), List.of());

    String html = report.html(Map.of(), List.of("plans/plan-test-0123/report.md"));

    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .doesNotContain("<script", "<link", " src=", "url(", "<img")
        .contains("<section id=\"table2\"", "<section id=\"fig3\"", "id=\"provenance\"")
        .contains("id=\"relative\"", "<a href=\"report.md\">plans/plan-test-0123/report.md</a>");
    for (ReportCell cell : report.document().table2()) {
      assertThat(html)
          .contains("data-section=\"table2\" data-group=\"" + cell.group() + "\"")
          .contains("<span class=\"best\">" + cell.best() + "</span>");
    }
    // Fig. 3 on CUB: best and final for each of two methods.
    Matcher fig3 =
        Pattern.compile("<figure id=\"fig3-cub200\"><svg[^>]*data-series=\"(\\d+)\"").matcher(html);
    assertThat(fig3.find()).isTrue();
    assertThat(fig3.group(1)).isEqualTo("4");
    assertThat(count(html, "class=\"rate-grid\"")).isEqualTo(groups.size());
  }

  @Test
  void everyRunGetsItsCurvesWithTheRestartsMarked() {
    GroupOutcome xent = ReportTest.table2Groups().get(0);
    RunSpec spec = xent.template().run(0.05, 0);
    String runId = xent.rates().get(0).runIds().get(0);
    List<EpochRecord> epochs = epochs(spec.totalEpochs(), new Random(1));
    Report report =
        Report.of(
            ReportTest.request("grid", List.of(xent)),
            Map.of(runId, new RunResult(runId, spec, 0.5, 300, 0.49, 372, 60)),
            List.of());

    String html = report.html(Map.of(runId, epochs), List.of());

    int runStart = html.indexOf("<div class=\"run\" data-run=\"" + runId + "\"");
    assertThat(runStart).isPositive();
    String run = html.substring(runStart, html.indexOf("</div></div>", runStart));
    assertThat(count(run, "<svg")).isEqualTo(3);
    assertThat(run)
        .contains("data-name=\"training accuracy\" data-points=\"" + HtmlReport.CURVE_POINTS)
        .contains("data-name=\"test accuracy\"", "data-name=\"training loss\"")
        .contains("data-name=\"learning rate\"");
    // The paper's schedule restarts four times; each chart marks them.
    assertThat(count(run, "<g class=\"marker\">")).isEqualTo(3 * 4);
  }

  /**
   * The size of the page for the shape of the built-in plans: every group and run, each with its
   * full count of made-up epochs (sizes only; no number is compared).
   */
  @ParameterizedTest
  @ValueSource(strings = {"quick", "paper"})
  void aBuiltInPlansPageStaysSmallEnoughToOpen(String name) {
    PlanSpec paper = Plans.byName(name);
    Random random = new Random(7);
    List<GroupOutcome> groups = new ArrayList<>();
    Map<String, Double> chosen = new HashMap<>();
    Map<String, RunResult> results = new LinkedHashMap<>();
    Map<String, List<EpochRecord>> curves = new HashMap<>();
    for (GroupSpec spec : paper.groups()) {
      List<Double> rates =
          spec.learningRates().isEmpty()
              ? List.of(chosen.get(spec.learningRateFrom()))
              : spec.learningRates();
      List<RateOutcome> outcomes = new ArrayList<>();
      for (double lr : rates) {
        List<String> ids = new ArrayList<>();
        double[] best = new double[spec.seeds().size()];
        for (int i = 0; i < best.length; i++) {
          RunSpec run = spec.template().run(lr, spec.seeds().get(i));
          ids.add(run.id());
          best[i] = random.nextDouble();
          curves.put(run.id(), epochs(run.totalEpochs(), random));
          results.put(
              run.id(), new RunResult(run.id(), run, best[i], 1, best[i], run.totalEpochs(), 1));
        }
        outcomes.add(
            new RateOutcome(lr, ids, Stats.mean(best), Stats.mean(best), 0.0, 0.0, 1, 0, null));
      }
      GroupOutcome outcome =
          group(spec.name(), spec.table(), spec.template(), outcomes.toArray(RateOutcome[]::new));
      chosen.put(spec.name(), outcome.chosenLearningRate());
      groups.add(outcome);
    }
    Report report = Report.of(new ReportRequest("plan-paper-0", paper, groups), results, List.of());

    byte[] html = report.html(curves, List.of()).getBytes(StandardCharsets.UTF_8);

    System.out.printf(
        Locale.ROOT,
        "report.html for the %s plan's shape: %d groups, %d runs, %.3f MB%n",
        name,
        groups.size(),
        results.size(),
        html.length / 1e6);
    // A run shared by two groups (Table 2 cells that are also Table 3 cells) is drawn in both.
    Matcher run =
        Pattern.compile("<div class=\"run\" data-run=\"([0-9a-f]+)\"")
            .matcher(new String(html, StandardCharsets.UTF_8));
    java.util.Set<String> drawn = new java.util.HashSet<>();
    while (run.find()) {
      drawn.add(run.group(1));
    }
    assertThat(drawn).isEqualTo(results.keySet());
    assertThat(html.length).isLessThan(40_000_000);
  }

  private static List<EpochRecord> epochs(int count, Random random) {
    List<EpochRecord> epochs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      epochs.add(
          new EpochRecord(
              i,
              0.1 * random.nextDouble(),
              random.nextDouble(),
              random.nextDouble(),
              random.nextDouble(),
              1,
              100));
    }
    return epochs;
  }

  private static int count(String text, String needle) {
    int count = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      count++;
    }
    return count;
  }
}
