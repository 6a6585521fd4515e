package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.Recipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The paper's Table 3: CUB with class embeddings from hierarchies of growing depth (one-hot, flat,
 * Wikispecies, deep), for cosine loss and cosine + cross-entropy; ours beside the paper's.
 */
final class Table3Section {
  /** The table label of its groups. */
  static final String TABLE = "table3";

  private static final Map<String, String> TITLES =
      Map.of("cosine", "cosine loss", "cosine+xent", "cosine + cross-entropy");

  private final Grid grid;
  private final List<String> columns;

  private Table3Section(Grid grid, List<String> columns) {
    this.grid = grid;
    this.columns = columns;
  }

  /**
   * The section over the groups labelled {@code table3}, completed by the Table 2 groups that are
   * also Table 3 cells (CUB with one-hot or the deep hierarchy, cosine or cosine + cross-entropy),
   * so a plan trains each cell once.
   */
  static Table3Section of(List<GroupOutcome> groups) {
    Grid grid = new Grid();
    PaperNumbers.HIERARCHIES.values().forEach(grid::reserveRow);
    boolean any = groups.stream().anyMatch(group -> TABLE.equals(group.table()));
    for (GroupOutcome group : groups) {
      if (TABLE.equals(group.table()) || (any && alsoTable3(group))) {
        grid.put(rowOf(group.template()), group.template().loss(), group);
      }
    }
    List<String> columns = new ArrayList<>();
    PaperNumbers.TABLE3_OBJECTIVES.stream().filter(grid.columns()::contains).forEach(columns::add);
    grid.columns().stream().filter(column -> !columns.contains(column)).forEach(columns::add);
    return new Table3Section(grid, columns);
  }

  private static boolean alsoTable3(GroupOutcome group) {
    Recipe spec = group.template();
    return Table2Section.TABLE.equals(group.table())
        && "cub200".equals(spec.dataset())
        && PaperNumbers.HIERARCHIES.containsKey(spec.embedding())
        && PaperNumbers.TABLE3_OBJECTIVES.contains(spec.loss());
  }

  private static String rowOf(Recipe spec) {
    String row = PaperNumbers.HIERARCHIES.getOrDefault(spec.embedding(), spec.embedding());
    return "cub200".equals(spec.dataset()) ? row : row + " on " + spec.dataset();
  }

  /** Whether the plan has Table 3 groups. */
  boolean isEmpty() {
    return grid.rows().isEmpty();
  }

  /** The cells, row by row. */
  List<ReportCell> cells() {
    return grid.cells(columns);
  }

  /** The table in Markdown. */
  String markdown() {
    List<String> header = new ArrayList<>(List.of("class embedding"));
    columns.forEach(column -> header.add(TITLES.getOrDefault(column, column)));
    MarkdownTable table = new MarkdownTable(header, 1);
    for (String row : grid.rows()) {
      List<String> cells = new ArrayList<>(List.of(row));
      for (String column : columns) {
        GroupOutcome group = grid.get(row, column);
        cells.add(
            group == null
                ? Format.MISSING + " / " + Format.MISSING + " / " + Format.MISSING
                : ReportCell.of(row, column, group).withPaper());
      }
      table.add(cells);
    }
    return "## Table 3: CUB with hierarchy-based class embeddings, test accuracy (%)\n\n"
        + table.render()
        + "\nEach cell: ours, best after any epoch (mean ± sd over seeds) / ours, final epoch /"
        + " paper.\n";
  }
}
