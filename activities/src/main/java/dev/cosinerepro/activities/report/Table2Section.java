package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.GroupOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's Table 2: methods against datasets. Each cell shows our best-after-any-epoch accuracy
 * at the chosen rate (mean ± sd over seeds), our final-epoch accuracy and the paper's number.
 */
final class Table2Section {
  /** The table label of its groups. */
  static final String TABLE = "table2";

  private static final List<Method> COMPARED = List.of(Method.COSINE, Method.COSINE_XENT);

  private final Grid grid;
  private final List<String> columns;

  private Table2Section(Grid grid, List<String> columns) {
    this.grid = grid;
    this.columns = columns;
  }

  /** The section over the groups labelled {@code table2}; empty rows and columns are left out. */
  static Table2Section of(List<GroupOutcome> groups) {
    Grid grid = new Grid();
    for (Method method : Method.values()) {
      grid.reserveRow(method.label());
    }
    for (GroupOutcome group : groups) {
      if (TABLE.equals(group.table())) {
        grid.put(Method.labelOf(group.template()), group.template().dataset(), group);
      }
    }
    List<String> columns = new ArrayList<>();
    PaperNumbers.DATASETS.keySet().stream().filter(grid.columns()::contains).forEach(columns::add);
    grid.columns().stream().filter(column -> !columns.contains(column)).forEach(columns::add);
    return new Table2Section(grid, columns);
  }

  /** Whether the plan has Table 2 groups. */
  boolean isEmpty() {
    return grid.rows().isEmpty();
  }

  /** The cells, row by row. */
  List<ReportCell> cells() {
    return grid.cells(columns);
  }

  /**
   * Cosine loss and cosine + cross-entropy (one-hot) against softmax + cross-entropy on every
   * dataset where both were run.
   */
  List<RelativeGain> gains() {
    List<RelativeGain> gains = new ArrayList<>();
    for (Method method : COMPARED) {
      for (String dataset : columns) {
        GroupOutcome reference = grid.get(Method.XENT.label(), dataset);
        GroupOutcome compared = grid.get(method.label(), dataset);
        if (reference == null || compared == null) {
          continue;
        }
        ReportCell ref = ReportCell.of("", dataset, reference);
        ReportCell cmp = ReportCell.of("", dataset, compared);
        Double paper =
            PaperNumbers.table2(method, dataset)
                .flatMap(
                    value ->
                        PaperNumbers.table2(Method.XENT, dataset)
                            .map(xent -> Stats.relativeDifference(value, xent)))
                .orElse(null);
        gains.add(
            new RelativeGain(
                method,
                dataset,
                RelativeGain.of(cmp.meanBest(), ref.meanBest()),
                RelativeGain.of(cmp.meanFinal(), ref.meanFinal()),
                paper));
      }
    }
    return gains;
  }

  /** The table and the relative differences in Markdown. */
  String markdown() {
    List<String> header = new ArrayList<>(List.of("method"));
    columns.forEach(column -> header.add(PaperNumbers.DATASETS.getOrDefault(column, column)));
    MarkdownTable table = new MarkdownTable(header, 1);
    for (String row : grid.rows()) {
      List<String> cells = new ArrayList<>(List.of(row));
      for (String column : columns) {
        GroupOutcome group = grid.get(row, column);
        cells.add(
            group == null ? missing(row, column) : ReportCell.of(row, column, group).withPaper());
      }
      table.add(cells);
    }
    StringBuilder out =
        new StringBuilder("## Table 2: test accuracy (%) by method and dataset\n\n")
            .append(table.render())
            .append(
                "\nEach cell: ours, best after any epoch at the chosen rate (mean ± sd over seeds)"
                    + " / ours, final epoch / paper. — = not run or not reported.\n");
    List<RelativeGain> gains = gains();
    if (!gains.isEmpty()) {
      MarkdownTable relative =
          new MarkdownTable(
              List.of("comparison", "dataset", "ours (best)", "ours (final)", "paper"), 2);
      for (RelativeGain gain : gains) {
        relative.add(
            List.of(
                gain.method().label() + " vs softmax + cross-entropy",
                PaperNumbers.DATASETS.getOrDefault(gain.dataset(), gain.dataset()),
                Format.relative(gain.oursBest()),
                Format.relative(gain.oursFinal()),
                Format.relative(gain.paper())));
      }
      out.append("\n### Relative difference to cross-entropy\n\n")
          .append(relative.render())
          .append("\nRelative difference = (accuracy of the method − accuracy of cross-entropy)")
          .append(" / accuracy of cross-entropy.\n");
    }
    return out.toString();
  }

  private static String missing(String row, String column) {
    Double paper =
        java.util.Arrays.stream(Method.values())
            .filter(method -> method.label().equals(row))
            .findFirst()
            .flatMap(method -> PaperNumbers.table2(method, column))
            .orElse(null);
    return Format.MISSING + " / " + Format.MISSING + " / " + Format.paper(paper);
  }
}
