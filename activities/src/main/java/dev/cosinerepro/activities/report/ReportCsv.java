package dev.cosinerepro.activities.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code report.csv}: one row per group and learning rate. Accuracies in percent with two decimals
 * (the paper's number as printed); an empty field is a missing value; {@code k} 0 means all images.
 */
final class ReportCsv {
  /** The header line. */
  static final String HEADER =
      "group,table,dataset,k,objective,embedding,architecture,rate,chosen,finished_runs,runs,"
          + "mean_best_pct,sd_best_pct,mean_final_pct,sd_final_pct,stopped_at_epoch,"
          + "stopped_accuracy_pct,paper_pct";

  private ReportCsv() {}

  /** The CSV text, header first. */
  static String of(List<RateRow> rows) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    for (RateRow row : rows) {
      out.append(
              List.of(
                      row.group(),
                      row.table(),
                      row.dataset(),
                      Integer.toString(row.samplesPerClass()),
                      row.objective(),
                      row.embedding(),
                      row.architecture(),
                      Format.rate(row.learningRate()),
                      Boolean.toString(row.chosen()),
                      Integer.toString(row.finishedRuns()),
                      Integer.toString(row.runs()),
                      percent(row.meanBest()),
                      percent(row.sdBest()),
                      percent(row.meanFinal()),
                      percent(row.sdFinal()),
                      Integer.toString(row.stoppedAtEpoch()),
                      percent(row.stoppedAccuracy()),
                      row.paper() == null ? "" : String.format(Locale.ROOT, "%.1f", row.paper()))
                  .stream()
                  .map(ReportCsv::field)
                  .collect(Collectors.joining(",")))
          .append('\n');
    }
    return out.toString();
  }

  private static String percent(Double fraction) {
    return fraction == null ? "" : Format.percent(fraction.doubleValue());
  }

  private static String field(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }
}
