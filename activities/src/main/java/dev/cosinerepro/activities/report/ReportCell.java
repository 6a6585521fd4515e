package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.RateOutcome;

/**
 * One cell of a report table: a group's result at its chosen learning rate beside the paper's
 * number. Accuracies are fractions; the paper's number is in percent, as printed in the paper.
 *
 * @param section the table label, e.g. {@code table2}
 * @param row the row title, e.g. {@code cosine loss (one-hot)}
 * @param column the column key, e.g. {@code cub200} or a subset size
 * @param group the group's name
 * @param learningRate the chosen rate, or {@code null} when no rate finished
 * @param finishedRuns runs at the chosen rate that trained to the end
 * @param runs runs at the chosen rate
 * @param meanBest mean best-after-any-epoch test accuracy, or {@code null}
 * @param sdBest its sample standard deviation over seeds, or {@code null}
 * @param meanFinal mean final-epoch test accuracy, or {@code null}
 * @param sdFinal its sample standard deviation over seeds, or {@code null}
 * @param paper the paper's number in percent, or {@code null}
 */
public record ReportCell(
    String section,
    String row,
    String column,
    String group,
    Double learningRate,
    int finishedRuns,
    int runs,
    Double meanBest,
    Double sdBest,
    Double meanFinal,
    Double sdFinal,
    Double paper) {

  /** The cell of a group at its chosen rate. */
  static ReportCell of(String row, String column, GroupOutcome group) {
    RateOutcome chosen = group.chosen();
    Double paper = PaperNumbers.of(group.table(), group.template()).orElse(null);
    if (chosen == null) {
      return new ReportCell(
          group.table(), row, column, group.name(), null, 0, 0, null, null, null, null, paper);
    }
    return new ReportCell(
        group.table(),
        row,
        column,
        group.name(),
        chosen.learningRate(),
        chosen.finishedRuns(),
        chosen.runIds().size(),
        chosen.meanBest(),
        chosen.sdBest(),
        chosen.meanFinal(),
        chosen.sdFinal(),
        paper);
  }

  /** Ours, best after any epoch: {@code "67.12 ± 0.40"} (± only with several finished runs). */
  String best() {
    return Format.meanSd(meanBest, sdBest, finishedRuns);
  }

  /** Ours, final epoch: {@code "66.80 ± 0.30"}. */
  String last() {
    return Format.meanSd(meanFinal, sdFinal, finishedRuns);
  }

  /** {@code "best / final / paper"}. */
  String withPaper() {
    return best() + " / " + last() + " / " + Format.paper(paper);
  }

  /** The difference of our best to the paper's, in percentage points, or {@code null}. */
  Double pointsAbovePaper() {
    return meanBest == null || paper == null ? null : 100 * meanBest - paper;
  }
}
