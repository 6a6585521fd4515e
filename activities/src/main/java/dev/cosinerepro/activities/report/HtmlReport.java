package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.EpochRecord;
import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.RunResult;
import dev.cosinerepro.workflows.spec.RunSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code report.html}: the report as one self-contained page (inline CSS and SVG, no script, no
 * external asset), so it opens from disk or from a presigned URL. Every table cell carries {@code
 * data-section} and {@code data-group}, and its numbers sit in {@code .best}, {@code .final} and
 * {@code .paper} spans, so the page can be checked against {@code report.json}.
 *
 * <p>Sections, in order: header, Table 2 with the relative differences, Table 3, Fig. 3, the other
 * groups, notes, failures, learning-rate grids, training curves, provenance, artifacts. Each is one
 * method, so a section (provenance, say) can grow without touching the others.
 */
final class HtmlReport {
  /** The most points a training curve keeps; longer runs are thinned evenly, the last kept. */
  static final int CURVE_POINTS = 120;

  private static final String CSS =
      "body{font:15px/1.45 system-ui,sans-serif;color:#111;max-width:1100px;margin:1.5em auto;"
          + "padding:0 1em}h1{font-size:1.6em}h2{border-bottom:1px solid #999;margin-top:1.8em}"
          + "table{border-collapse:collapse;margin:.6em 0}th,td{border:1px solid #bbb;"
          + "padding:.25em .5em;text-align:right;vertical-align:top}th:first-child,"
          + "td.label{text-align:left}thead th{background:#eee}.paper{color:#555}"
          + ".final{color:#333}.chosen{font-weight:bold}code{font-size:.9em}"
          + "svg.chart{max-width:100%;height:auto;background:#fff}svg text{font:12px sans-serif;"
          + "fill:#111}svg text.title{font-size:14px;font-weight:bold}.charts{display:flex;"
          + "flex-wrap:wrap;gap:.5em}.run{break-inside:avoid;margin:1em 0}details{margin:.4em 0}"
          + "summary{cursor:pointer;font-weight:bold}.failure{color:#a00}"
          + "@media print{details{display:block}body{max-width:none}}";

  private final Report report;
  private final ReportDocument document;
  private final Map<String, List<EpochRecord>> curves;
  private final List<String> artifactKeys;
  private final StringBuilder out = new StringBuilder();

  private HtmlReport(
      Report report, Map<String, List<EpochRecord>> curves, List<String> artifactKeys) {
    this.report = report;
    this.document = report.document();
    this.curves = curves;
    this.artifactKeys = artifactKeys;
  }

  /**
   * Renders the page.
   *
   * @param report the report
   * @param curves each run's stored epochs by run id (a run without them gets no curves)
   * @param artifactKeys the store keys of every artifact, listed at the end
   */
  static String render(
      Report report, Map<String, List<EpochRecord>> curves, List<String> artifactKeys) {
    return new HtmlReport(report, curves, artifactKeys).page();
  }

  private String page() {
    String title = "Reproduction report: plan '" + document.request().plan().name() + "'";
    out.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        .append("<title>")
        .append(Html.escape(title))
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body>\n<h1>")
        .append(Html.escape(title))
        .append("</h1>\n<p id=\"summary\">")
        .append(Html.escape(report.summary()))
        .append("</p>\n");
    if (document.rehearsal()) {
      out.append(
          "<p id=\"rehearsal\" class=\"failure\"><strong>REHEARSAL</strong>: every group of the"
              + " plan ran through the real code with each run shrunk on purpose; the numbers test"
              + " the pipeline, not the paper.</p>\n");
    }
    table2();
    table3();
    fig3();
    pivots();
    paired();
    convergence();
    departures();
    notes();
    failures();
    rateGrids();
    runCurves();
    provenance();
    artifacts();
    return out.append("</body></html>\n").toString();
  }

  private void table2() {
    if (document.table2().isEmpty()) {
      return;
    }
    section("table2", "Table 2: test accuracy (%) by method and dataset");
    matrix("table2", "method", document.table2(), PaperNumbers.DATASETS);
    out.append(
        "<p>Each cell: <span class=\"best\">ours, best after any epoch at the chosen rate (mean ±"
            + " sd over seeds)</span> / <span class=\"final\">ours, final epoch</span> / <span"
            + " class=\"paper\">paper</span>. — = not run or not reported.</p>\n");
    if (!document.relativeGains().isEmpty()) {
      out.append(
          "<h3>Relative difference to cross-entropy</h3>\n<table id=\"relative\"><thead><tr>"
              + "<th>comparison</th><th>dataset</th><th>ours (best)</th><th>ours (final)</th>"
              + "<th>paper</th></tr></thead><tbody>");
      for (RelativeGain gain : document.relativeGains()) {
        out.append("<tr><td class=\"label\">")
            .append(Html.escape(gain.method().label() + " vs softmax + cross-entropy"))
            .append("</td><td class=\"label\">")
            .append(Html.escape(PaperNumbers.DATASETS.getOrDefault(gain.dataset(), gain.dataset())))
            .append("</td><td>")
            .append(Format.relative(gain.oursBest()))
            .append("</td><td>")
            .append(Format.relative(gain.oursFinal()))
            .append("</td><td class=\"paper\">")
            .append(Format.relative(gain.paper()))
            .append("</td></tr>");
      }
      out.append("</tbody></table>\n");
    }
    out.append("</section>\n");
  }

  private void table3() {
    if (document.table3().isEmpty()) {
      return;
    }
    section("table3", "Table 3: CUB with hierarchy-based class embeddings, test accuracy (%)");
    matrix(
        "table3",
        "class embedding",
        document.table3(),
        Map.of("cosine", "cosine loss", "cosine+xent", "cosine + cross-entropy"));
    out.append("<p>Each cell: ours, best / ours, final epoch / paper.</p>\n</section>\n");
  }

  private void fig3() {
    if (report.fig3Datasets().isEmpty()) {
      return;
    }
    section("fig3", "Fig. 3: accuracy against images per class");
    out.append(
        "<p>Solid: best after any epoch; dashed, hollow markers: final epoch; bars: ± one sd over"
            + " seeds. The whole training set (k = all) is in the table only.</p>\n");
    for (String dataset : report.fig3Datasets()) {
      List<ReportCell> cells = report.fig3Cells(dataset);
      String name = PaperNumbers.DATASETS.getOrDefault(dataset, dataset);
      SvgChart chart =
          new SvgChart("Fig. 3, " + name, "images per class (log)", "test accuracy (%)", true);
      Map<String, List<ReportCell>> byMethod = new LinkedHashMap<>();
      cells.forEach(
          cell -> byMethod.computeIfAbsent(cell.row(), key -> new ArrayList<>()).add(cell));
      int style = 0;
      for (Map.Entry<String, List<ReportCell>> method : byMethod.entrySet()) {
        List<SvgChart.Point> best = new ArrayList<>();
        List<SvgChart.Point> last = new ArrayList<>();
        for (ReportCell cell : method.getValue()) {
          double k = Integer.parseInt(cell.column());
          if (cell.meanBest() != null) {
            best.add(new SvgChart.Point(k, 100 * cell.meanBest(), sd(cell.sdBest())));
          }
          if (cell.meanFinal() != null) {
            last.add(new SvgChart.Point(k, 100 * cell.meanFinal(), sd(cell.sdFinal())));
          }
        }
        chart.add(new SvgChart.Series(method.getKey() + ", best", style, false, best));
        chart.add(new SvgChart.Series(method.getKey() + ", final", style, true, last));
        style++;
      }
      out.append("<figure id=\"fig3-").append(Html.escape(dataset)).append("\">");
      out.append(chart.svg()).append("</figure>\n");
      List<String> columns = new ArrayList<>();
      cells.forEach(
          cell -> {
            if (!columns.contains(cell.column())) {
              columns.add(cell.column());
            }
          });
      Map<String, String> titles = new LinkedHashMap<>();
      columns.forEach(k -> titles.put(k, "k=" + Format.samples(Integer.parseInt(k))));
      matrix("fig3", "method", cells, titles);
    }
    out.append("</section>\n");
  }

  private void pivots() {
    if (document.pivots().isEmpty()) {
      return;
    }
    section("pivots", "Other groups: test accuracy (%)");
    Map<String, String> titles = new LinkedHashMap<>();
    new TreeSet<>(document.pivots().stream().map(cell -> Integer.parseInt(cell.column())).toList())
        .forEach(k -> titles.put(Integer.toString(k), "k=" + Format.samples(k)));
    matrix("pivots", "dataset | method | network", document.pivots(), titles);
    out.append("<p>Each cell: best after any epoch / final epoch at the chosen rate.</p>\n");
    out.append("</section>\n");
  }

  private void paired() {
    if (document.pairedDifferences().isEmpty()) {
      return;
    }
    section("paired", PairedSection.TITLE);
    out.append(
        "<p>"
            + Html.escape(PairedSection.DESCRIPTION)
            + "</p>\n"
            + "<table id=\"paired-table\"><thead><tr><th>group</th><th>compared with</th>"
            + "<th>seeds</th><th>best: difference [95 % CI]</th>"
            + "<th>final: difference [95 % CI]</th><th>verdict (best)</th></tr></thead><tbody>");
    for (PairedDifference difference : document.pairedDifferences()) {
      out.append("<tr><td class=\"label\">")
          .append(Html.escape(difference.group()))
          .append("</td><td class=\"label\">")
          .append(Html.escape(difference.reference()))
          .append("</td><td>")
          .append(difference.seeds())
          .append("</td><td>")
          .append(Html.escape(difference.best().markdown()))
          .append("</td><td>")
          .append(Html.escape(difference.last().markdown()))
          .append("</td><td class=\"label\">")
          .append(Html.escape(difference.verdict()))
          .append("</td></tr>");
    }
    out.append("</tbody></table></section>\n");
  }

  private void convergence() {
    if (document.convergence() == null || document.convergence().isEmpty()) {
      return;
    }
    section("convergence", "Convergence at the chosen rates");
    out.append(
        "<p>Per group at its chosen rate, mean over its runs: the training accuracy of the last"
            + " epoch (training mode, augmented batches; lowest run in brackets) and the test"
            + " accuracy over the last "
            + ConvergenceSection.LAST_EVALUATIONS
            + " evaluations: its range (largest run in brackets) and its change from the first to"
            + " the last of them, in points.</p>\n"
            + "<table id=\"convergence-table\"><thead><tr>");
    ConvergenceSection.COLUMNS.forEach(
        title -> out.append("<th>").append(Html.escape(title)).append("</th>"));
    out.append("</tr></thead><tbody>");
    for (ConvergenceRow row : document.convergence()) {
      List<String> cells = row.cells();
      out.append("<tr>");
      for (int i = 0; i < cells.size(); i++) {
        out.append(i == 0 || i == 4 ? "<td class=\"label\">" : "<td>")
            .append(Html.escape(cells.get(i)))
            .append("</td>");
      }
      out.append("</tr>");
    }
    out.append("</tbody></table></section>\n");
  }

  private void departures() {
    if (document.departures() == null || document.departures().isEmpty()) {
      return;
    }
    section("departures", "Departures from the paper's protocol");
    out.append("<ul>");
    document
        .departures()
        .forEach(line -> out.append("<li>").append(Html.escape(line)).append("</li>"));
    out.append("</ul></section>\n");
  }

  private void notes() {
    section("notes", "Notes: where the data agrees and disagrees with the paper");
    out.append("<ul>");
    document.notes().forEach(note -> out.append("<li>").append(Html.escape(note)).append("</li>"));
    out.append("</ul></section>\n");
  }

  private void failures() {
    List<String> lines = new ArrayList<>();
    for (GroupOutcome group : document.request().groups()) {
      if (group.failures() != null) {
        group.failures().forEach(failure -> lines.add(group.name() + ": " + failure.strip()));
      }
    }
    if (!document.missingRuns().isEmpty()) {
      lines.add("runs without a stored result: " + String.join(", ", document.missingRuns()));
    }
    if (lines.isEmpty()) {
      return;
    }
    section("failures", "Failures");
    out.append("<ul>");
    lines.forEach(
        line -> out.append("<li class=\"failure\">").append(Html.escape(line)).append("</li>"));
    out.append("</ul></section>\n");
  }

  private void rateGrids() {
    if (document.rates().isEmpty()) {
      return;
    }
    section("rates", "Learning-rate grids");
    out.append(
        "<p>Each group's test accuracy against the maximum learning rate (mean over seeds, ± one"
            + " sd); the chosen rate is bold in the table.</p>\n<div class=\"charts\">");
    Map<String, List<RateRow>> byGroup = new LinkedHashMap<>();
    document
        .rates()
        .forEach(row -> byGroup.computeIfAbsent(row.group(), k -> new ArrayList<>()).add(row));
    for (Map.Entry<String, List<RateRow>> group : byGroup.entrySet()) {
      SvgChart chart =
          new SvgChart(group.getKey(), "maximum learning rate (log)", "test accuracy (%)", true);
      List<SvgChart.Point> best = new ArrayList<>();
      List<SvgChart.Point> last = new ArrayList<>();
      for (RateRow row : group.getValue()) {
        if (row.meanBest() != null) {
          best.add(new SvgChart.Point(row.learningRate(), 100 * row.meanBest(), sd(row.sdBest())));
        }
        if (row.meanFinal() != null) {
          last.add(
              new SvgChart.Point(row.learningRate(), 100 * row.meanFinal(), sd(row.sdFinal())));
        }
      }
      chart.add(new SvgChart.Series("best after any epoch", 0, false, best));
      chart.add(new SvgChart.Series("final epoch", 1, true, last));
      out.append("<figure class=\"rate-grid\" data-group=\"")
          .append(Html.escape(group.getKey()))
          .append("\">")
          .append(chart.svg())
          .append("</figure>");
    }
    out.append("</div>\n<table id=\"rate-table\"><thead><tr><th>group</th><th>rate</th>")
        .append("<th>runs</th><th>best</th><th>final</th><th>stopped at epoch</th></tr></thead>")
        .append("<tbody>");
    for (RateRow row : document.rates()) {
      out.append(row.chosen() ? "<tr class=\"chosen\">" : "<tr>")
          .append("<td class=\"label\">")
          .append(Html.escape(row.group()))
          .append("</td><td>")
          .append(Format.rate(row.learningRate()))
          .append("</td><td>")
          .append(row.finishedRuns())
          .append('/')
          .append(row.runs())
          .append("</td><td>")
          .append(Format.meanSd(row.meanBest(), row.sdBest(), row.finishedRuns()))
          .append("</td><td>")
          .append(Format.meanSd(row.meanFinal(), row.sdFinal(), row.finishedRuns()))
          .append("</td><td>")
          .append(row.stoppedAtEpoch() > 0 ? Integer.toString(row.stoppedAtEpoch()) : "")
          .append("</td></tr>");
    }
    out.append("</tbody></table></section>\n");
  }

  private void runCurves() {
    if (curves.isEmpty()) {
      return;
    }
    section("curves", "Training curves");
    out.append(
        "<p>Every run's training loss, training and test accuracy and learning rate per epoch;"
            + " dotted verticals mark the SGDR warm restarts.</p>\n");
    Map<String, RunResult> results = new LinkedHashMap<>();
    document.runs().forEach(run -> results.put(run.runId(), run));
    for (GroupOutcome group : document.request().groups()) {
      List<String> runIds = new ArrayList<>();
      group.rates().forEach(rate -> runIds.addAll(rate.runIds()));
      runIds.removeIf(id -> !curves.containsKey(id) || curves.get(id).isEmpty());
      if (runIds.isEmpty()) {
        continue;
      }
      out.append("<details open><summary>")
          .append(Html.escape(group.name()))
          .append(" (")
          .append(runIds.size())
          .append(" runs)</summary>");
      for (String runId : runIds) {
        RunResult result = results.get(runId);
        String label =
            result == null
                ? runId
                : result.spec().label() + ", lr " + Format.rate(result.spec().maxLearningRate());
        List<Double> restarts = new ArrayList<>();
        if (result != null) {
          List<Integer> ends = result.spec().cycleEnds();
          ends.subList(0, Math.max(0, ends.size() - 1)).forEach(end -> restarts.add(end + 0.5));
        }
        out.append("<div class=\"run\" data-run=\"")
            .append(Html.escape(runId))
            .append("\"><h4>")
            .append(Html.escape(runId + ": " + label))
            .append("</h4>");
        List<String> workers = report.workersOf(runId);
        if (!workers.isEmpty()) {
          out.append("<p class=\"workers\">trained by <span class=\"worker\">")
              .append(Html.escape(String.join(", ", workers)))
              .append("</span></p>");
        }
        out.append("<div class=\"charts\">");
        out.append(RunCurves.charts(curves.get(runId), restarts, CURVE_POINTS));
        out.append("</div></div>");
      }
      out.append("</details>\n");
    }
    out.append("</section>\n");
  }

  private void provenance() {
    section("provenance", "Provenance");
    out.append("<dl>");
    for (Map.Entry<String, String> entry : ProvenanceLines.of(document).entrySet()) {
      out.append("<dt>")
          .append(Html.escape(entry.getKey()))
          .append("</dt><dd>")
          .append(Html.escape(entry.getValue()))
          .append("</dd>");
    }
    out.append("</dl></section>\n");
  }

  private void artifacts() {
    section("artifacts", "Artifacts (object-store keys, bucket-relative)");
    out.append("<ul>");
    String prefix = "plans/" + document.request().planWorkflowId() + "/";
    for (String key : artifactKeys) {
      out.append("<li><code>");
      if (key.startsWith(prefix) && !key.endsWith("report.html")) {
        out.append("<a href=\"")
            .append(Html.escape(key.substring(prefix.length())))
            .append("\">")
            .append(Html.escape(key))
            .append("</a>");
      } else {
        out.append(Html.escape(key));
      }
      out.append("</code></li>");
    }
    out.append("</ul></section>\n");
  }

  private void section(String id, String title) {
    out.append("<section id=\"")
        .append(id)
        .append("\"><h2>")
        .append(Html.escape(title))
        .append("</h2>\n");
  }

  /** A matrix of cells: rows = cell rows, columns = cell columns in first-seen order. */
  private void matrix(
      String section, String corner, List<ReportCell> cells, Map<String, String> titles) {
    List<String> rows = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    titles.keySet().stream()
        .filter(column -> cells.stream().anyMatch(cell -> cell.column().equals(column)))
        .forEach(columns::add);
    for (ReportCell cell : cells) {
      if (!rows.contains(cell.row())) {
        rows.add(cell.row());
      }
      if (!columns.contains(cell.column())) {
        columns.add(cell.column());
      }
    }
    out.append("<table class=\"cells\" data-section=\"")
        .append(Html.escape(section))
        .append("\"><thead><tr><th>")
        .append(Html.escape(corner))
        .append("</th>");
    columns.forEach(
        column ->
            out.append("<th>")
                .append(Html.escape(titles.getOrDefault(column, column)))
                .append("</th>"));
    out.append("</tr></thead><tbody>");
    for (String row : rows) {
      out.append("<tr><td class=\"label\">").append(Html.escape(row)).append("</td>");
      for (String column : columns) {
        ReportCell cell =
            cells.stream()
                .filter(each -> each.row().equals(row) && each.column().equals(column))
                .findFirst()
                .orElse(null);
        if (cell == null) {
          out.append("<td>").append(Format.MISSING).append("</td>");
          continue;
        }
        out.append("<td data-section=\"")
            .append(Html.escape(cell.section()))
            .append("\" data-group=\"")
            .append(Html.escape(cell.group()))
            .append("\" title=\"")
            .append(Html.escape(tooltip(cell)))
            .append("\"><span class=\"best\">")
            .append(cell.best())
            .append("</span> / <span class=\"final\">")
            .append(cell.last())
            .append("</span>");
        if (cell.paper() != null || !"pivots".equals(section)) {
          out.append(" / <span class=\"paper\">")
              .append(Format.paper(cell.paper()))
              .append("</span>");
        }
        out.append("</td>");
      }
      out.append("</tr>");
    }
    out.append("</tbody></table>\n");
  }

  private static String tooltip(ReportCell cell) {
    StringBuilder text = new StringBuilder(cell.group());
    if (cell.learningRate() != null) {
      text.append(", lr ").append(Format.rate(cell.learningRate()));
    }
    text.append(", ").append(cell.finishedRuns()).append('/').append(cell.runs()).append(" runs");
    Double points = cell.pointsAbovePaper();
    if (points != null) {
      text.append(String.format(Locale.ROOT, ", %+.2f points vs paper", points));
    }
    return text.toString();
  }

  private static double sd(Double fraction) {
    return fraction == null ? 0 : 100 * fraction;
  }

  /** The recipe versions of the runs, for the provenance block. */
  static String recipeVersions(List<RunResult> runs) {
    TreeSet<Integer> versions = new TreeSet<>();
    runs.stream().map(RunResult::spec).map(RunSpec::recipeVersion).forEach(versions::add);
    return versions.toString();
  }
}
