package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.Recipe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The groups of any other table label (e.g. {@code quick}) as one pivot per label: rows = dataset,
 * method and network; columns = images per class; each cell the final-epoch accuracy and, in
 * brackets, the best after any epoch, at the group's chosen rate.
 */
final class PivotSection {
  /** The labels the paper's own sections take. */
  static final Set<String> PAPER_TABLES =
      Set.of(Table2Section.TABLE, Table3Section.TABLE, Fig3Section.TABLE);

  private static final String SEPARATOR = " | ";

  private final Map<String, Grid> byLabel;

  private PivotSection(Map<String, Grid> byLabel) {
    this.byLabel = byLabel;
  }

  /** The section over the groups whose label is none of the paper's. */
  static PivotSection of(List<GroupOutcome> groups) {
    Map<String, Grid> byLabel = new LinkedHashMap<>();
    for (GroupOutcome group : groups) {
      if (!PAPER_TABLES.contains(group.table())) {
        byLabel
            .computeIfAbsent(group.table(), key -> new Grid())
            .put(
                rowOf(group.template()),
                Integer.toString(group.template().samplesPerClass()),
                group);
      }
    }
    return new PivotSection(byLabel);
  }

  static String rowOf(Recipe spec) {
    return spec.dataset() + SEPARATOR + Method.labelOf(spec) + SEPARATOR + spec.architecture();
  }

  /** Whether the plan has such groups. */
  boolean isEmpty() {
    return byLabel.isEmpty();
  }

  /** Every cell, label by label. */
  List<ReportCell> cells() {
    List<ReportCell> cells = new ArrayList<>();
    byLabel.forEach((label, grid) -> cells.addAll(grid.cells(columns(grid))));
    return cells;
  }

  private static List<String> columns(Grid grid) {
    TreeSet<Integer> sizes = new TreeSet<>();
    grid.columns().forEach(column -> sizes.add(Integer.parseInt(column)));
    List<String> columns = new ArrayList<>();
    sizes.stream().filter(k -> k > 0).forEach(k -> columns.add(Integer.toString(k)));
    if (sizes.contains(0)) {
      columns.add("0");
    }
    return columns;
  }

  /** One table per label in Markdown. */
  String markdown() {
    StringBuilder out = new StringBuilder();
    byLabel.forEach(
        (label, grid) -> {
          List<String> columns = columns(grid);
          List<String> header = new ArrayList<>(List.of("dataset", "method", "network"));
          columns.forEach(k -> header.add("k=" + Format.samples(Integer.parseInt(k))));
          MarkdownTable table = new MarkdownTable(header, 3);
          for (String row : grid.rows()) {
            List<String> cells = new ArrayList<>(List.of(row.split(" \\| ", 3)));
            for (String column : columns) {
              GroupOutcome group = grid.get(row, column);
              if (group == null) {
                cells.add(Format.MISSING);
              } else {
                ReportCell cell = ReportCell.of(row, column, group);
                cells.add(cell.last() + " (" + cell.best() + ")");
              }
            }
            table.add(cells);
          }
          out.append("## ")
              .append(label.isEmpty() ? "Other groups" : "Groups '" + label + "'")
              .append(": test accuracy (%)\n\n")
              .append(table.render())
              .append(
                  "\nEach cell: final epoch (best after any epoch) at the chosen rate; mean ± sd"
                      + " over seeds where a cell has several runs.\n\n");
        });
    return out.toString();
  }
}
