package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.GroupOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups placed in rows and columns. A group that lands on an occupied cell gets a row of its own,
 * titled with the group's name, so no result is ever dropped or averaged with another.
 */
final class Grid {
  private final Map<String, Map<String, GroupOutcome>> rows = new LinkedHashMap<>();
  private final Set<String> columns = new LinkedHashSet<>();

  /** Reserves a row so that rows keep a given order; an empty reserved row is not listed. */
  void reserveRow(String row) {
    rows.putIfAbsent(row, new LinkedHashMap<>());
  }

  /** Places a group. */
  void put(String row, String column, GroupOutcome group) {
    Map<String, GroupOutcome> cells = rows.computeIfAbsent(row, key -> new LinkedHashMap<>());
    if (cells.containsKey(column)) {
      put(row + " [" + group.name() + "]", column, group);
      return;
    }
    cells.put(column, group);
    columns.add(column);
  }

  /** The rows that hold at least one group, in order. */
  List<String> rows() {
    List<String> used = new ArrayList<>();
    rows.forEach(
        (row, cells) -> {
          if (!cells.isEmpty()) {
            used.add(row);
          }
        });
    return used;
  }

  /** The columns that hold at least one group, in the order they were first used. */
  Set<String> columns() {
    return columns;
  }

  /** The group of a cell, or {@code null}. */
  GroupOutcome get(String row, String column) {
    return rows.getOrDefault(row, Map.of()).get(column);
  }

  /** The cells that hold a group, row by row. */
  List<ReportCell> cells(List<String> columnOrder) {
    List<ReportCell> cells = new ArrayList<>();
    for (String row : rows()) {
      for (String column : columnOrder) {
        GroupOutcome group = get(row, column);
        if (group != null) {
          cells.add(ReportCell.of(row, column, group));
        }
      }
    }
    return cells;
  }
}
