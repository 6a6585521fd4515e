package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.RunResult;
import dev.cosinerepro.workflows.spec.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The results of a reproduction as a table: one row per dataset, method (objective and embedding),
 * learning rate and network; one column per subset size k; each cell the test accuracy in percent,
 * averaged over the runs that differ only in their seeds.
 *
 * <p>Each cell shows the final-epoch accuracy and, in brackets, the best accuracy after any
 * evaluated epoch (the paper's figure), so a reader sees both.
 */
public final class ResultsTable {
  private final List<RunResult> results;
  private final List<String> missing;

  /**
   * Creates the table.
   *
   * @param results the finished runs
   * @param missing ids of runs with no stored result
   */
  public ResultsTable(List<RunResult> results, List<String> missing) {
    this.results = List.copyOf(results);
    this.missing = List.copyOf(missing);
  }

  /** The row label of a run: dataset, objective, embedding and learning rate. */
  static String rowOf(RunSpec spec) {
    String embedding = "onehot".equals(spec.embedding()) ? "" : " [" + spec.embedding() + "]";
    return spec.dataset()
        + " | "
        + spec.objective()
        + embedding
        + " | "
        + String.format(Locale.ROOT, "%s", spec.maxLearningRate())
        + " | "
        + spec.architecture();
  }

  /** Column label of a run: its subset size. */
  static String columnOf(RunSpec spec) {
    return spec.samplesPerClass() == 0 ? "all" : "k=" + spec.samplesPerClass();
  }

  /** The pivot: row -> column -> results. */
  private Map<String, Map<String, List<RunResult>>> pivot() {
    Map<String, Map<String, List<RunResult>>> cells = new TreeMap<>();
    for (RunResult result : results) {
      cells
          .computeIfAbsent(rowOf(result.spec()), row -> new TreeMap<>())
          .computeIfAbsent(columnOf(result.spec()), column -> new ArrayList<>())
          .add(result);
    }
    return cells;
  }

  private List<String> columns() {
    TreeSet<Integer> sizes = new TreeSet<>();
    for (RunResult result : results) {
      sizes.add(result.spec().samplesPerClass());
    }
    List<String> columns = new ArrayList<>();
    for (int k : sizes) {
      if (k > 0) {
        columns.add("k=" + k);
      }
    }
    if (sizes.contains(0)) {
      columns.add("all");
    }
    return columns;
  }

  /** The table in Markdown. */
  public String markdown() {
    StringBuilder out = new StringBuilder();
    List<String> columns = columns();
    out.append("| dataset | method | max lr | network |");
    columns.forEach(column -> out.append(' ').append(column).append(" |"));
    out.append('\n').append("|---|---|---|---|");
    columns.forEach(column -> out.append("---:|"));
    out.append('\n');
    for (Map.Entry<String, Map<String, List<RunResult>>> row : pivot().entrySet()) {
      out.append("| ").append(row.getKey()).append(" |");
      for (String column : columns) {
        List<RunResult> cell = row.getValue().getOrDefault(column, List.of());
        out.append(' ').append(cell(cell)).append(" |");
      }
      out.append('\n');
    }
    out.append('\n')
        .append(
            "Test accuracy in %: final epoch (best after any evaluated epoch, the paper's figure)")
        .append("; mean ± standard deviation over seeds where a cell has several runs.\n");
    if (!missing.isEmpty()) {
      out.append("\nRuns without a result: ").append(String.join(", ", missing)).append('\n');
    }
    return out.toString();
  }

  private static String cell(List<RunResult> cell) {
    if (cell.isEmpty()) {
      return "—";
    }
    double[] finals = cell.stream().mapToDouble(RunResult::finalTestAccuracy).toArray();
    double[] bests = cell.stream().mapToDouble(RunResult::bestTestAccuracy).toArray();
    return summary(finals) + " (" + summary(bests) + ")";
  }

  private static String summary(double[] accuracies) {
    double mean = 0;
    for (double a : accuracies) {
      mean += a;
    }
    mean /= accuracies.length;
    if (accuracies.length == 1) {
      return String.format(Locale.ROOT, "%.2f", 100 * mean);
    }
    double var = 0;
    for (double a : accuracies) {
      var += (a - mean) * (a - mean);
    }
    double sd = Math.sqrt(var / (accuracies.length - 1));
    return String.format(Locale.ROOT, "%.2f ± %.2f", 100 * mean, 100 * sd);
  }

  /** One CSV row per run, with a header. */
  public String csv() {
    StringBuilder out =
        new StringBuilder(
            "run_id,dataset,samples_per_class,subset_seed,architecture,objective,embedding,max_lr,"
                + "seed,epochs,best_test_accuracy,best_epoch,final_test_accuracy,train_seconds\n");
    for (RunResult result : results) {
      RunSpec spec = result.spec();
      out.append(
          List.of(
                  result.runId(),
                  spec.dataset(),
                  Integer.toString(spec.samplesPerClass()),
                  Long.toString(spec.subsetSeed()),
                  spec.architecture(),
                  spec.objective(),
                  spec.embedding(),
                  Double.toString(spec.maxLearningRate()),
                  Long.toString(spec.seed()),
                  Integer.toString(result.epochs()),
                  String.format(Locale.ROOT, "%.6f", result.bestTestAccuracy()),
                  Integer.toString(result.bestEpoch()),
                  String.format(Locale.ROOT, "%.6f", result.finalTestAccuracy()),
                  String.format(Locale.ROOT, "%.3f", result.trainSeconds()))
              .stream()
              .map(ResultsTable::csvField)
              .collect(Collectors.joining(",")));
      out.append('\n');
    }
    return out.toString();
  }

  private static String csvField(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }
}
