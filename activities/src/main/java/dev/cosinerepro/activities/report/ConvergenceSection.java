package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.EpochRecord;
import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.RateOutcome;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;

/**
 * Whether the runs behind the reported numbers had finished learning: for each group at its chosen
 * rate, the training accuracy of the last epoch and the test accuracy over the last {@value
 * #LAST_EVALUATIONS} evaluations, from each run's stored epochs. It states figures, no verdict: a
 * run still learning shows a test accuracy that rises over its last evaluations, one that has not
 * fitted its training data a final training accuracy well below 100 %.
 *
 * <p>Training accuracy is the epoch's, in training mode on its (augmented) batches, so it can stay
 * below 100 % where strong augmentation makes the training images harder than the test images.
 */
final class ConvergenceSection {

  /** How many of a run's last evaluations are compared. */
  static final int LAST_EVALUATIONS = 3;

  /** The table's column titles, for Markdown and HTML alike. */
  static final List<String> COLUMNS =
      List.of(
          "group",
          "lr",
          "runs",
          "final training accuracy (%)",
          "last evaluations (epochs)",
          "test range (points)",
          "test change (points)");

  private final List<ConvergenceRow> rows;

  private ConvergenceSection(List<ConvergenceRow> rows) {
    this.rows = List.copyOf(rows);
  }

  static ConvergenceSection of(List<GroupOutcome> groups, Map<String, List<EpochRecord>> curves) {
    List<ConvergenceRow> rows = new ArrayList<>();
    for (GroupOutcome group : groups) {
      RateOutcome chosen = group.chosen();
      if (chosen == null) {
        continue;
      }
      List<Double> finals = new ArrayList<>();
      List<Double> ranges = new ArrayList<>();
      List<Double> changes = new ArrayList<>();
      List<Integer> epochs = null;
      for (String runId : chosen.runIds()) {
        List<EpochRecord> run = curves.getOrDefault(runId, List.of());
        if (run.isEmpty()) {
          continue;
        }
        finals.add(run.get(run.size() - 1).trainAccuracy());
        List<EpochRecord> evaluated =
            run.stream().filter(epoch -> epoch.testAccuracy() != null).toList();
        List<EpochRecord> last =
            evaluated.subList(Math.max(0, evaluated.size() - LAST_EVALUATIONS), evaluated.size());
        if (last.isEmpty()) {
          continue;
        }
        DoubleSummaryStatistics accuracies =
            last.stream().mapToDouble(EpochRecord::testAccuracy).summaryStatistics();
        ranges.add(accuracies.getMax() - accuracies.getMin());
        changes.add(last.get(last.size() - 1).testAccuracy() - last.get(0).testAccuracy());
        if (epochs == null) {
          epochs = last.stream().map(epoch -> epoch.epoch() + 1).toList();
        }
      }
      if (finals.isEmpty() || ranges.isEmpty()) {
        continue;
      }
      rows.add(
          new ConvergenceRow(
              group.name(),
              chosen.learningRate(),
              finals.size(),
              mean(finals),
              finals.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
              epochs,
              mean(ranges),
              ranges.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
              mean(changes)));
    }
    return new ConvergenceSection(rows);
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  List<ConvergenceRow> rows() {
    return rows;
  }

  String markdown() {
    StringBuilder out =
        new StringBuilder("## Convergence at the chosen rates\n\n")
            .append(
                "Per group at its chosen rate, mean over its runs: the training accuracy of the"
                    + " last epoch (in training mode, on the epoch's augmented batches; lowest run"
                    + " in brackets) and the test accuracy over the last ")
            .append(LAST_EVALUATIONS)
            .append(
                " evaluations: its range (largest minus smallest; largest run in brackets) and"
                    + " its change from the first to the last of them, in points. A test accuracy"
                    + " still rising at the end means the run had not finished learning.\n\n")
            .append("| ")
            .append(String.join(" | ", COLUMNS))
            .append(" |\n")
            .append("|---|---:|---:|---:|---|---:|---:|\n");
    for (ConvergenceRow row : rows) {
      out.append("| ").append(String.join(" | ", row.cells())).append(" |\n");
    }
    return out.append('\n').toString();
  }
}
