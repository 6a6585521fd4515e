package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.GroupOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a reader must know to judge the numbers: how the paper selects on the test set, where our
 * numbers differ from the paper's (stated plainly, including a contrary result), and the later
 * benchmark that revisited the claim. Departures from the protocol are {@link ProtocolDepartures}.
 */
final class NotesSection {
  /** The paper's schedule length: 5 SGDR cycles of 12 base epochs. */
  static final int PAPER_EPOCHS = 372;

  /** Differences from the paper below this many percentage points are not listed one by one. */
  static final double POINTS = 1.0;

  private NotesSection() {}

  /**
   * The notes, one sentence or short paragraph each.
   *
   * @param groups every group of the plan
   * @param gains the Table 2 relative differences
   * @param paperCells the Table 2 and Table 3 cells
   */
  static List<String> of(
      List<GroupOutcome> groups, List<RelativeGain> gains, List<ReportCell> paperCells) {
    List<String> notes = new ArrayList<>();
    notes.add(
        "The paper's figure is the best test accuracy after any epoch, at the learning rate that"
            + " maximises it: both the epoch and the rate are chosen on the test set, which flatters"
            + " every method. The final-epoch numbers choose no epoch on the test set (the rate is"
            + " still chosen by the best test accuracy).");
    for (RelativeGain gain : gains) {
      notes.add(gainNote(gain));
    }
    List<String> differences = new ArrayList<>();
    boolean anyCompared = false;
    for (ReportCell cell : paperCells) {
      Double points = cell.pointsAbovePaper();
      if (points == null) {
        continue;
      }
      anyCompared = true;
      if (Math.abs(points) >= POINTS) {
        differences.add(
            String.format(
                Locale.ROOT,
                "%s, %s, %s: %s here, %s in the paper (%s%.2f points).",
                cell.section().equals(Table2Section.TABLE) ? "Table 2" : "Table 3",
                cell.row(),
                PaperNumbers.DATASETS.getOrDefault(cell.column(), cell.column()),
                Format.percent(cell.meanBest()),
                Format.paper(cell.paper()),
                points < 0 ? "−" : "+",
                Math.abs(points)));
      }
    }
    if (anyCompared && differences.isEmpty()) {
      notes.add(
          "Every reproduced Table 2 and Table 3 cell is within "
              + POINTS
              + " point of the paper's number.");
    }
    notes.addAll(differences);
    boolean cub =
        groups.stream()
            .anyMatch(
                group ->
                    Table2Section.TABLE.equals(group.table())
                        && "cub200".equals(group.template().dataset()));
    if (cub) {
      notes.add(
          String.format(
              Locale.ROOT,
              "A later benchmark by the same group (Brigato et al., 2022, \"gem\": ResNet-50 at 224"
                  + " px, tuned weight decay, 30 runs, balanced accuracy on CUB) found a well-tuned"
                  + " cross-entropy catching up: cross-entropy %.2f %%, cosine %.2f %%, cosine +"
                  + " cross-entropy %.2f %%.",
              PaperNumbers.GEM_CUB.get(Method.XENT),
              PaperNumbers.GEM_CUB.get(Method.COSINE),
              PaperNumbers.GEM_CUB.get(Method.COSINE_XENT)));
    }
    return notes;
  }

  private static String gainNote(RelativeGain gain) {
    String dataset = PaperNumbers.DATASETS.getOrDefault(gain.dataset(), gain.dataset());
    StringBuilder note =
        new StringBuilder(gain.method().label())
            .append(" vs softmax + cross-entropy on ")
            .append(dataset)
            .append(": ")
            .append(Format.relative(gain.oursBest()))
            .append(" relative here (final epoch: ")
            .append(Format.relative(gain.oursFinal()))
            .append("); paper: ")
            .append(Format.relative(gain.paper()))
            .append('.');
    if (gain.oursBest() == null || gain.paper() == null) {
      return note.toString();
    }
    if (gain.contradictsPaper()) {
      note.append(" The paper's effect does not appear here.");
    } else if (Math.abs(gain.oursBest()) < Math.abs(gain.paper()) / 2) {
      note.append(" Same direction as the paper, but less than half its size.");
    } else {
      note.append(" Same direction as the paper.");
    }
    return note.toString();
  }

  /** The notes in Markdown. */
  static String markdown(List<String> notes) {
    StringBuilder out = new StringBuilder("## Notes\n\n");
    notes.forEach(note -> out.append("- ").append(note).append('\n'));
    return out.toString();
  }
}
