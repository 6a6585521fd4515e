package dev.cosinerepro.app.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The measurements of one {@code repro bench}: the table it prints and the JSON it writes. Where an
 * item was measured more than once (alternating with PyTorch), the table gives each engine's best
 * figure (highest images/s, lowest share) and the JSON keeps every measurement.
 *
 * @param machine what ran it: processors, operating system, Java, libtorch, threads
 * @param command the command line
 * @param startedAt when it started (ISO-8601)
 * @param measurements every measurement in the order taken
 */
public record BenchReport(
    Map<String, Object> machine, String command, String startedAt, List<Measurement> measurements) {

  /**
   * One row of the table.
   *
   * @param item the item
   * @param threads its thread count
   * @param unit images/s or share
   * @param repro this code's best figure
   * @param pytorch the reference's best figure, if measured
   */
  public record Row(String item, int threads, String unit, double repro, Double pytorch) {
    /** repro / PyTorch in images per second, if both were measured. */
    public Optional<Double> ratio() {
      return pytorch == null ? Optional.empty() : Optional.of(repro / pytorch);
    }
  }

  /** The engine name of the reference's measurements. */
  public static final String PYTORCH = "pytorch";

  /** Copies the lists. */
  public BenchReport {
    machine = new LinkedHashMap<>(machine);
    measurements = List.copyOf(measurements);
  }

  /**
   * The table's rows: one per item and thread count, in the order first measured.
   *
   * @return the rows
   */
  public List<Row> rows() {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (Measurement m : measurements) {
      if (m.engine().equals(PYTORCH)) {
        continue;
      }
      String key = m.item() + "@" + m.threads();
      Row row = rows.get(key);
      double best = row == null ? m.value() : better(m.unit(), row.repro(), m.value());
      rows.put(key, new Row(m.item(), m.threads(), m.unit(), best, null));
    }
    List<Row> table = new ArrayList<>();
    for (Row row : rows.values()) {
      Double pytorch = null;
      for (Measurement m : measurements) {
        if (m.engine().equals(PYTORCH) && m.item().equals(row.item())) {
          pytorch = pytorch == null ? m.value() : better(m.unit(), pytorch, m.value());
        }
      }
      table.add(new Row(row.item(), row.threads(), row.unit(), row.repro(), pytorch));
    }
    return table;
  }

  private static double better(String unit, double a, double b) {
    return unit.equals(Measurement.IMAGES_PER_SECOND) ? Math.max(a, b) : Math.min(a, b);
  }

  /**
   * The Markdown table.
   *
   * @return a header, one line per row, and a line naming the machine
   */
  public String table() {
    StringBuilder out = new StringBuilder();
    out.append("| item | threads | repro | PyTorch | repro / PyTorch |\n");
    out.append("|---|---:|---:|---:|---:|\n");
    for (Row row : rows()) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %s | %s | %s |%n",
              row.item(),
              row.threads(),
              format(row.unit(), row.repro()),
              row.pytorch() == null ? "" : format(row.unit(), row.pytorch()),
              row.ratio().map(r -> String.format(Locale.ROOT, "%.2fx", r)).orElse("")));
    }
    out.append("\nimages/s, except plan.* (share of wall time outside training and evaluation) and")
        .append(" memory.* (peak resident memory); ")
        .append("machine: ")
        .append(machine)
        .append('\n');
    return out.toString();
  }

  /**
   * The profiles of the measurements that carry one ({@code repro bench --profile}), one Markdown
   * table per item: each operator's self time per step on this code and, where profiled, in
   * PyTorch, the largest first, then the time inside and outside the operators and the wall time of
   * a profiled step. The last profile of each engine is shown.
   *
   * @return the tables, or an empty string when nothing was profiled
   */
  public String profileTables() {
    Map<String, Map<String, OperatorTimes>> byItem = new LinkedHashMap<>();
    for (Measurement m : measurements) {
      if (m.details().get(OperatorTimes.DETAIL) instanceof OperatorTimes profile) {
        byItem.computeIfAbsent(m.item(), item -> new LinkedHashMap<>()).put(m.engine(), profile);
      }
    }
    StringBuilder out = new StringBuilder();
    byItem.forEach(
        (item, profiles) ->
            out.append(ProfileTable.markdown(item, profiles.get("repro"), profiles.get(PYTORCH))));
    return out.toString();
  }

  private static String format(String unit, double value) {
    return switch (unit) {
      case Measurement.SHARE -> String.format(Locale.ROOT, "%.1f %%", 100 * value);
      case Measurement.MEBIBYTES -> String.format(Locale.ROOT, "%.0f MiB peak", value);
      default -> String.format(Locale.ROOT, "%.1f", value);
    };
  }
}
