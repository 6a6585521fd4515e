package dev.cosinerepro.activities.report;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table: a header, one alignment per column and rows of text cells. */
final class MarkdownTable {
  private final List<String> header;
  private final List<Boolean> rightAligned;
  private final List<List<String>> rows = new ArrayList<>();

  /**
   * Creates an empty table.
   *
   * @param header the column titles
   * @param leftColumns how many leading columns are text (left-aligned); the rest are numbers
   */
  MarkdownTable(List<String> header, int leftColumns) {
    this.header = List.copyOf(header);
    List<Boolean> align = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      align.add(i >= leftColumns);
    }
    this.rightAligned = align;
  }

  /** Adds a row; it must have one cell per column. */
  MarkdownTable add(List<String> cells) {
    if (cells.size() != header.size()) {
      throw new IllegalArgumentException(
          "A row has " + cells.size() + " cells for " + header.size() + " columns.");
    }
    rows.add(List.copyOf(cells));
    return this;
  }

  /** Whether the table has no rows. */
  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The table in Markdown, ending with a newline. */
  String render() {
    StringBuilder out = new StringBuilder();
    line(out, header);
    out.append('|');
    for (boolean right : rightAligned) {
      out.append(right ? "---:|" : "---|");
    }
    out.append('\n');
    rows.forEach(row -> line(out, row));
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells) {
    out.append('|');
    for (String cell : cells) {
      out.append(' ').append(cell.replace("|", "\\|").replace("\n", " ")).append(" |");
    }
    out.append('\n');
  }
}
