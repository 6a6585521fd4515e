package dev.cosinerepro.app.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The measurements of one {@code repro bench}: the table it prints and the JSON it writes. Where an
 * item was measured more than once (alternating with PyTorch), the table gives each engine's best
 * figure (highest images/s, lowest share), the ratio of the two bests and the {@link PairedRatio}
 * over the rounds; the JSON keeps every measurement.
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
   * @param paired repro against PyTorch round by round, if both were measured as often
   */
  public record Row(
      String item, int threads, String unit, double repro, Double pytorch, PairedRatio paired) {
    /** The ratio of the best figures, repro / PyTorch, if both were measured. */
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
    Map<String, List<Measurement>> byRow = new LinkedHashMap<>();
    for (Measurement m : measurements) {
      if (!m.engine().equals(PYTORCH)) {
        byRow.computeIfAbsent(m.item() + "@" + m.threads(), key -> new ArrayList<>()).add(m);
      }
    }
    List<Row> table = new ArrayList<>();
    for (List<Measurement> own : byRow.values()) {
      Measurement first = own.get(0);
      List<Double> repro = own.stream().map(Measurement::value).toList();
      List<Double> pytorch =
          measurements.stream()
              .filter(m -> m.engine().equals(PYTORCH) && m.item().equals(first.item()))
              .map(Measurement::value)
              .toList();
      table.add(
          new Row(
              first.item(),
              first.threads(),
              first.unit(),
              best(first.unit(), repro),
              pytorch.isEmpty() ? null : best(first.unit(), pytorch),
              PairedRatio.of(repro, pytorch).orElse(null)));
    }
    return table;
  }

  /** The highest images/s, or the lowest share or memory. */
  private static double best(String unit, List<Double> values) {
    return unit.equals(Measurement.IMAGES_PER_SECOND)
        ? Collections.max(values)
        : Collections.min(values);
  }

  /**
   * The Markdown table.
   *
   * @return a header, one line per row, and a line naming the machine
   */
  public String table() {
    StringBuilder out = new StringBuilder();
    out.append("| item | threads | repro | PyTorch | repro / PyTorch | paired by round [95 %] |\n");
    out.append("|---|---:|---:|---:|---:|---|\n");
    for (Row row : rows()) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %s | %s | %s | %s |%n",
              row.item(),
              row.threads(),
              format(row.unit(), row.repro()),
              row.pytorch() == null ? "" : format(row.unit(), row.pytorch()),
              row.ratio().map(r -> String.format(Locale.ROOT, "%.2fx", r)).orElse(""),
              row.paired() == null ? "" : row.paired().markdown()));
    }
    out.append("\nimages/s, except plan.* (share of wall time outside training and evaluation) and")
        .append(" memory.* (peak resident memory); repro and PyTorch: each engine's best round;")
        .append(" paired by round: the geometric mean of the per-round ratios with its 95 % t")
        .append(" interval; ")
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
