package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.GroupOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The paper's Fig. 3: accuracy against images per class, one chart and one table per dataset, one
 * series per method. The paper gives no numbers for it, so there is no paper curve.
 */
final class Fig3Section {
  /** The table label of its groups. */
  static final String TABLE = "fig3";

  private final Map<String, Grid> byDataset;

  private Fig3Section(Map<String, Grid> byDataset) {
    this.byDataset = byDataset;
  }

  /** The section over the groups labelled {@code fig3}. */
  static Fig3Section of(List<GroupOutcome> groups) {
    Map<String, Grid> byDataset = new LinkedHashMap<>();
    for (GroupOutcome group : groups) {
      if (TABLE.equals(group.table())) {
        Grid grid = byDataset.computeIfAbsent(group.template().dataset(), key -> new Grid());
        grid.put(
            Method.labelOf(group.template()),
            Integer.toString(group.template().samplesPerClass()),
            group);
      }
    }
    return new Fig3Section(byDataset);
  }

  /** Whether the plan has Fig. 3 groups. */
  boolean isEmpty() {
    return byDataset.isEmpty();
  }

  /** The datasets, in plan order. */
  List<String> datasets() {
    return List.copyOf(byDataset.keySet());
  }

  /** The file name of a dataset's chart: {@code fig3-<dataset>.png}. */
  static String chartName(String dataset) {
    return "fig3-" + dataset + ".png";
  }

  /** The cells of a dataset: row = method, column = images per class (0 = all). */
  List<ReportCell> cells(String dataset) {
    return byDataset.get(dataset).cells(columns(dataset));
  }

  /** Every cell of every dataset. */
  List<ReportCell> cells() {
    List<ReportCell> cells = new ArrayList<>();
    datasets().forEach(dataset -> cells.addAll(cells(dataset)));
    return cells;
  }

  private List<String> columns(String dataset) {
    TreeSet<Integer> sizes = new TreeSet<>();
    byDataset.get(dataset).columns().forEach(column -> sizes.add(Integer.parseInt(column)));
    List<String> columns = new ArrayList<>();
    sizes.stream().filter(k -> k > 0).forEach(k -> columns.add(Integer.toString(k)));
    if (sizes.contains(0)) {
      columns.add("0");
    }
    return columns;
  }

  /** The numbers of every dataset in Markdown, each followed by a link to its chart. */
  String markdown(boolean withCharts) {
    StringBuilder out =
        new StringBuilder("## Fig. 3: test accuracy (%) against images per class\n\n");
    for (String dataset : datasets()) {
      Grid grid = byDataset.get(dataset);
      List<String> columns = columns(dataset);
      List<String> header = new ArrayList<>(List.of("method"));
      columns.forEach(k -> header.add("k=" + Format.samples(Integer.parseInt(k))));
      MarkdownTable table = new MarkdownTable(header, 1);
      for (String row : grid.rows()) {
        List<String> cells = new ArrayList<>(List.of(row));
        for (String column : columns) {
          GroupOutcome group = grid.get(row, column);
          cells.add(
              group == null
                  ? Format.MISSING
                  : ReportCell.of(row, column, group).best()
                      + " / "
                      + ReportCell.of(row, column, group).last());
        }
        table.add(cells);
      }
      out.append("### ")
          .append(PaperNumbers.DATASETS.getOrDefault(dataset, dataset))
          .append("\n\n")
          .append(table.render());
      if (withCharts) {
        out.append("\n![Fig. 3, ")
            .append(dataset)
            .append("](")
            .append(chartName(dataset))
            .append(")\n");
      }
      out.append('\n');
    }
    out.append(
        "Each cell: best after any epoch (mean ± sd over seeds) / final epoch. The paper gives"
            + " these curves only as a figure, so there is no paper number to compare with.\n");
    return out.toString();
  }
}
