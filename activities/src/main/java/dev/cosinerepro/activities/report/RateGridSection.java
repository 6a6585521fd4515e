package dev.cosinerepro.activities.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The learning-rate grid of every group: each rate's mean best and final accuracy, which rate was
 * chosen, and, for successive halving, the epoch at which a rate was dropped and its accuracy then.
 */
final class RateGridSection {
  private final List<RateRow> rows;

  RateGridSection(List<RateRow> rows) {
    this.rows = List.copyOf(rows);
  }

  /** The table in Markdown; the halving columns appear only when some rate was dropped. */
  String markdown() {
    boolean halving = rows.stream().anyMatch(row -> row.stoppedAtEpoch() > 0);
    List<String> header =
        new ArrayList<>(
            List.of("group", "chosen", "max lr", "finished", "best", "final", "best after epoch"));
    if (halving) {
      header.add("dropped after epoch");
      header.add("accuracy then");
    }
    MarkdownTable table = new MarkdownTable(header, 2);
    for (RateRow row : rows) {
      List<String> cells = new ArrayList<>();
      cells.add(row.group());
      cells.add(row.chosen() ? "**chosen**" : "");
      cells.add(Format.rate(row.learningRate()));
      cells.add(
          row.finishedRuns()
              + "/"
              + row.runs()
              + (row.divergedRuns() > 0 ? " (" + row.divergedRuns() + " diverged)" : ""));
      cells.add(Format.meanSd(row.meanBest(), row.sdBest(), row.finishedRuns()));
      cells.add(Format.meanSd(row.meanFinal(), row.sdFinal(), row.finishedRuns()));
      cells.add(
          row.bestEpochs().isEmpty()
              ? Format.MISSING
              : row.bestEpochs().stream().map(String::valueOf).collect(Collectors.joining(", ")));
      if (halving) {
        cells.add(row.stoppedAtEpoch() > 0 ? Integer.toString(row.stoppedAtEpoch()) : "");
        cells.add(row.stoppedAtEpoch() > 0 ? Format.percent(row.stoppedAccuracy()) : "");
      }
      table.add(cells);
    }
    return "## Learning-rate grid\n\n"
        + table.render()
        + "\nAccuracies in % (mean ± sd over seeds). The chosen rate has the highest mean best"
        + " accuracy after any epoch. \"best after epoch\": for each run, the epoch count at which"
        + " its best test accuracy came. A diverged run (its loss became NaN or infinite) counts"
        + " with the best accuracy of the epochs before the divergence.\n";
  }
}
