package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.RateOutcome;
import dev.cosinerepro.workflows.spec.Recipe;
import dev.cosinerepro.workflows.spec.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One learning rate of one group: a row of {@code report.csv} and of the learning-rate grid.
 *
 * @param group the group's name
 * @param table the group's table label
 * @param dataset the dataset
 * @param samplesPerClass images per class, 0 for all
 * @param objective the loss
 * @param embedding the class embedding
 * @param architecture the network
 * @param learningRate the maximum learning rate
 * @param chosen whether this is the group's chosen rate
 * @param finishedRuns runs at this rate that trained to the end
 * @param runs runs at this rate
 * @param meanBest mean best-after-any-epoch test accuracy (fraction), or {@code null}
 * @param sdBest its sample standard deviation, or {@code null}
 * @param meanFinal mean final-epoch test accuracy, or {@code null}
 * @param sdFinal its sample standard deviation, or {@code null}
 * @param stoppedAtEpoch successive halving: the epoch count at which the rate was dropped, 0 if not
 * @param stoppedAccuracy successive halving: the mean test accuracy it was dropped with, or {@code
 *     null}
 * @param bestEpochs for each stored run result at this rate, the epoch count after which its best
 *     test accuracy came (1-based)
 * @param paper the paper's number for the group in percent, or {@code null}
 * @param divergedRuns stored run results at this rate whose loss diverged: their figures are the
 *     best over the epochs before the divergence
 */
public record RateRow(
    String group,
    String table,
    String dataset,
    int samplesPerClass,
    String objective,
    String embedding,
    String architecture,
    double learningRate,
    boolean chosen,
    int finishedRuns,
    int runs,
    Double meanBest,
    Double sdBest,
    Double meanFinal,
    Double sdFinal,
    int stoppedAtEpoch,
    Double stoppedAccuracy,
    List<Integer> bestEpochs,
    Double paper,
    int divergedRuns) {

  /** The rows of a group, in grid order. */
  static List<RateRow> of(GroupOutcome group, Map<String, RunResult> results) {
    Recipe spec = group.template();
    Double paper = PaperNumbers.of(group.table(), spec).orElse(null);
    List<RateRow> rows = new ArrayList<>();
    for (RateOutcome rate : group.rates()) {
      List<Integer> bestEpochs = new ArrayList<>();
      int diverged = 0;
      for (String runId : rate.runIds()) {
        RunResult result = results.get(runId);
        if (result != null) {
          bestEpochs.add(result.bestEpoch() + 1);
          diverged += result.diverged() ? 1 : 0;
        }
      }
      rows.add(
          new RateRow(
              group.name(),
              group.table(),
              spec.dataset(),
              spec.samplesPerClass(),
              spec.loss(),
              spec.embedding(),
              spec.architecture(),
              rate.learningRate(),
              group.chosenLearningRate() != null
                  && rate.learningRate() == group.chosenLearningRate(),
              rate.finishedRuns(),
              rate.runIds().size(),
              rate.meanBest(),
              rate.sdBest(),
              rate.meanFinal(),
              rate.sdFinal(),
              rate.stoppedAtEpoch(),
              rate.stoppedAccuracy(),
              List.copyOf(bestEpochs),
              paper,
              diverged));
    }
    return rows;
  }
}
