package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.EpochRecord;
import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.Provenance;
import dev.cosinerepro.workflows.spec.ReportRequest;
import dev.cosinerepro.workflows.spec.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reproduction's report, rendered from its group outcomes and stored run results: Markdown, CSV,
 * the JSON document, the Fig. 3 charts and the HTML page. Pure: it reads and writes nothing.
 */
public final class Report {
  private final ReportRequest request;
  private final List<RunResult> runs;
  private final List<String> missingRuns;
  private final Table2Section table2;
  private final Table3Section table3;
  private final Fig3Section fig3;
  private final PivotSection pivots;
  private final PairedSection paired;
  private final List<RateRow> rates;
  private final List<String> notes;
  private final List<String> departures;
  private final Provenance provenance;
  private final WorkersSection workers;
  private final ConvergenceSection convergence;

  private Report(
      ReportRequest request,
      Map<String, RunResult> results,
      List<String> missing,
      Map<String, List<String>> workers,
      Map<String, List<EpochRecord>> curves) {
    this.request = request;
    this.convergence = ConvergenceSection.of(request.groups(), curves);
    this.workers = new WorkersSection(request.groups(), workers);
    this.runs = List.copyOf(results.values());
    this.missingRuns = List.copyOf(missing);
    List<GroupOutcome> groups = request.groups();
    this.table2 = Table2Section.of(groups);
    this.table3 = Table3Section.of(groups);
    this.fig3 = Fig3Section.of(groups);
    this.pivots = PivotSection.of(groups);
    this.paired = PairedSection.of(groups, results);
    List<RateRow> rateRows = new ArrayList<>();
    groups.forEach(group -> rateRows.addAll(RateRow.of(group, results)));
    this.rates = List.copyOf(rateRows);
    List<ReportCell> paperCells = new ArrayList<>(table2.cells());
    paperCells.addAll(table3.cells());
    this.notes = NotesSection.of(groups, table2.gains(), paperCells);
    this.departures = ProtocolDepartures.of(request.plan());
    this.provenance = ReportProvenance.of(request.plan(), this.runs);
  }

  /**
   * Renders a report.
   *
   * @param request the plan and its group outcomes
   * @param results stored run results by run id (runs without one are listed as missing)
   * @param missing ids of runs the outcomes name but the store has no result for
   */
  public static Report of(
      ReportRequest request, Map<String, RunResult> results, List<String> missing) {
    return of(request, results, missing, Map.of());
  }

  /**
   * Renders a report that names the workers of each run.
   *
   * @param request the plan and its group outcomes
   * @param results stored run results by run id (runs without one are listed as missing)
   * @param missing ids of runs the outcomes name but the store has no result for
   * @param workers the worker identities that trained each run (from its chunk timings), by run id
   */
  public static Report of(
      ReportRequest request,
      Map<String, RunResult> results,
      List<String> missing,
      Map<String, List<String>> workers) {
    return of(request, results, missing, workers, Map.of());
  }

  /**
   * Renders a report that names the workers of each run and says how far its runs converged.
   *
   * @param request the plan and its group outcomes
   * @param results stored run results by run id (runs without one are listed as missing)
   * @param missing ids of runs the outcomes name but the store has no result for
   * @param workers the worker identities that trained each run (from its chunk timings), by run id
   * @param curves each run's stored epochs, by run id (runs without any are left out)
   */
  public static Report of(
      ReportRequest request,
      Map<String, RunResult> results,
      List<String> missing,
      Map<String, List<String>> workers,
      Map<String, List<EpochRecord>> curves) {
    return new Report(request, new LinkedHashMap<>(results), missing, workers, curves);
  }

  /** The ids of every run the outcomes name, without duplicates, in plan order. */
  public static List<String> runIds(ReportRequest request) {
    List<String> ids = new ArrayList<>();
    request.groups().forEach(group -> group.rates().forEach(rate -> ids.addAll(rate.runIds())));
    return ids.stream().distinct().toList();
  }

  /** The whole report in Markdown, with the learning-rate grid and links to the charts. */
  public String markdown() {
    return render(true);
  }

  /** The main tables and notes in Markdown, for a terminal: no learning-rate grid, no charts. */
  public String terminalMarkdown() {
    return render(false);
  }

  private String render(boolean full) {
    StringBuilder out = new StringBuilder(header());
    if (!table2.isEmpty()) {
      out.append(table2.markdown()).append('\n');
    }
    if (!table3.isEmpty()) {
      out.append(table3.markdown()).append('\n');
    }
    if (!fig3.isEmpty()) {
      out.append(fig3.markdown(full)).append('\n');
    }
    if (!pivots.isEmpty()) {
      out.append(pivots.markdown());
    }
    if (!paired.isEmpty()) {
      out.append('\n').append(paired.markdown());
    }
    if (full && !convergence.isEmpty()) {
      out.append('\n').append(convergence.markdown());
    }
    out.append(NotesSection.markdown(notes));
    String protocol = ProtocolDepartures.markdown(departures, request.plan().rehearsed());
    if (!protocol.isEmpty()) {
      out.append('\n').append(protocol);
    }
    String failures = failures();
    if (!failures.isEmpty()) {
      out.append('\n').append(failures);
    }
    if (full && !rates.isEmpty()) {
      out.append('\n').append(new RateGridSection(rates).markdown());
    }
    if (full && !workers.isEmpty()) {
      out.append('\n').append(workers.markdown());
    }
    if (full) {
      out.append('\n').append(ReportProvenance.markdown(provenance));
    }
    return out.toString();
  }

  private String header() {
    long finished = rates.stream().mapToLong(RateRow::finishedRuns).sum();
    long total = rates.stream().mapToLong(RateRow::runs).sum();
    long epochs = request.groups().stream().mapToLong(GroupOutcome::epochsTrained).sum();
    StringBuilder out =
        new StringBuilder(
                request.plan().rehearsed()
                    ? "# REHEARSAL report: plan '"
                    : "# Reproduction report: plan '")
            .append(request.plan().name())
            .append("'\n\n");
    if (request.plan().rehearsed()) {
      out.append(
          "**This is a rehearsal**: every group of the plan ran through the real code with each run"
              + " shrunk (network, images, epochs, rates, seeds; see the departures below). Its"
              + " numbers say whether the code works, not whether the paper holds.\n\n");
    }
    if (!request.plan().description().isEmpty()) {
      out.append(request.plan().description()).append("\n\n");
    }
    out.append("Workflow ")
        .append(request.planWorkflowId())
        .append("; learning-rate search: ")
        .append(request.plan().search())
        .append("; ")
        .append(request.groups().size())
        .append(" groups, ")
        .append(finished)
        .append('/')
        .append(total)
        .append(" runs finished, ")
        .append(epochs)
        .append(" epochs trained in this reproduction. Paper numbers: ")
        .append(PaperNumbers.SOURCE)
        .append(".\n\n");
    return out.toString();
  }

  private String failures() {
    List<String> lines = new ArrayList<>();
    for (GroupOutcome group : request.groups()) {
      List<String> failures = group.failures() == null ? List.of() : group.failures();
      failures.forEach(failure -> lines.add("- " + group.name() + ": " + oneLine(failure)));
    }
    if (!missingRuns.isEmpty()) {
      lines.add("- runs without a stored result: " + String.join(", ", missingRuns));
    }
    if (lines.isEmpty()) {
      return "";
    }
    return "## Failures\n\n" + String.join("\n", lines) + "\n";
  }

  private static String oneLine(String text) {
    String line = text.strip().replaceAll("\\s*\\R\\s*", " ");
    return line.length() > 300 ? line.substring(0, 299) + "…" : line;
  }

  /** {@code report.csv}: one row per group and learning rate. */
  public String csv() {
    return ReportCsv.of(rates);
  }

  /** {@code report.json}: the request and the derived tables. */
  public ReportDocument document() {
    List<ReportCell> fig3Cells = fig3.cells();
    return new ReportDocument(
        request,
        table2.cells(),
        table2.gains(),
        table3.cells(),
        fig3Cells,
        pivots.cells(),
        paired.differences(),
        rates,
        notes,
        departures,
        request.plan().rehearsed(),
        provenance,
        runs,
        missingRuns,
        workers.byRun(),
        convergence.rows());
  }

  /** The worker identities that trained a run, empty when its chunk timings name none. */
  List<String> workersOf(String runId) {
    return workers.of(runId);
  }

  /** The report's opening line: plan, search, groups, runs finished and epochs trained. */
  String summary() {
    return header().lines().filter(line -> line.startsWith("Workflow ")).findFirst().orElse("");
  }

  /** The Fig. 3 datasets, in plan order. */
  List<String> fig3Datasets() {
    return fig3.datasets();
  }

  /** The Fig. 3 cells of one dataset. */
  List<ReportCell> fig3Cells(String dataset) {
    return fig3.cells(dataset);
  }

  /**
   * {@code report.html}: the whole report as one self-contained page.
   *
   * @param curves each run's stored epochs by run id, for its training curves
   * @param artifactKeys the store keys of every artifact the page lists
   */
  public String html(Map<String, List<EpochRecord>> curves, List<String> artifactKeys) {
    return HtmlReport.render(this, curves, artifactKeys);
  }

  /** The charts by file name: {@code fig3-<dataset>.png} for each Fig. 3 dataset. */
  public Map<String, byte[]> charts() {
    Map<String, byte[]> charts = new LinkedHashMap<>();
    for (String dataset : fig3.datasets()) {
      String title =
          "Fig. 3, " + PaperNumbers.DATASETS.getOrDefault(dataset, dataset) + ": accuracy vs k";
      charts.put(Fig3Section.chartName(dataset), Fig3Chart.png(title, fig3.cells(dataset)));
    }
    return charts;
  }
}
