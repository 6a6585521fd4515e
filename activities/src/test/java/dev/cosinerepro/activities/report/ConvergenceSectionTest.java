package dev.cosinerepro.activities.report;

import static dev.cosinerepro.activities.report.Outcomes.group;
import static dev.cosinerepro.activities.report.Outcomes.rate;
import static dev.cosinerepro.activities.report.Outcomes.shortRun;
import static dev.cosinerepro.activities.report.Outcomes.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cosinerepro.workflows.spec.EpochRecord;
import dev.cosinerepro.workflows.spec.GroupOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The convergence section: final training accuracy and the last evaluations at the chosen rate. */
class ConvergenceSectionTest {

  @Test
  void summarisesTheChosenRatesRunsFromTheirStoredEpochs() {
    GroupOutcome group =
        group(
            "fig3/k10/xent",
            "fig3",
            shortRun("fashion-mnist", 10, "xent", "onehot"),
            rate(0.1, values(0.7, 0.7), values(0.7, 0.7)),
            rate(0.01, values(0.5, 0.5), values(0.5, 0.5)));
    assertThat(group.chosenLearningRate()).isEqualTo(0.1);
    List<String> chosen = group.chosen().runIds();
    List<String> other = group.rates().get(1).runIds();
    // run 1: evaluated every 2 epochs, test 0.60, 0.66, 0.68, 0.67 -> last three range 0.02,
    // change +0.01, final training 1.00; run 2: test 0.50, 0.60, 0.70 over its last three (range
    // 0.20, change +0.20), final training 0.90; the other rate's run is not the chosen one.
    Map<String, List<EpochRecord>> curves =
        Map.of(
            chosen.get(0), epochs(new double[] {0.60, 0.66, 0.68, 0.67}, 1.00),
            chosen.get(1), epochs(new double[] {0.40, 0.50, 0.60, 0.70}, 0.90),
            other.get(0), epochs(new double[] {0.1, 0.1, 0.1, 0.1}, 0.1));

    List<ConvergenceRow> rows = ConvergenceSection.of(List.of(group), curves).rows();

    assertThat(rows).hasSize(1);
    ConvergenceRow row = rows.get(0);
    assertThat(row.group()).isEqualTo("fig3/k10/xent");
    assertThat(row.learningRate()).isEqualTo(0.1);
    assertThat(row.runs()).isEqualTo(2);
    assertThat(row.finalTrainAccuracy()).isCloseTo(0.95, within(1e-12));
    assertThat(row.lowestFinalTrainAccuracy()).isCloseTo(0.90, within(1e-12));
    assertThat(row.evaluatedEpochs()).containsExactly(4, 6, 8);
    assertThat(row.testRange()).isCloseTo(0.11, within(1e-12));
    assertThat(row.largestTestRange()).isCloseTo(0.20, within(1e-12));
    assertThat(row.testChange()).isCloseTo(0.105, within(1e-12));
    assertThat(ConvergenceSection.of(List.of(group), curves).markdown())
        .contains("## Convergence at the chosen rates")
        .contains("| fig3/k10/xent | 0.1 | 2 | 95.00 (90.00) | 4, 6, 8 | 11.00 (20.00) | +10.50 |");
  }

  @Test
  void groupsWithoutStoredEpochsAreLeftOut() {
    GroupOutcome group =
        group(
            "g",
            "fig3",
            shortRun("fashion-mnist", 10, "xent", "onehot"),
            rate(0.1, values(0.7), values(0.7)));
    assertThat(ConvergenceSection.of(List.of(group), Map.of()).isEmpty()).isTrue();
  }

  /** Eight epochs, evaluated after every second one; training accuracy rises to {@code last}. */
  private static List<EpochRecord> epochs(double[] tests, double lastTrain) {
    List<EpochRecord> epochs = new ArrayList<>();
    for (int epoch = 0; epoch < 2 * tests.length; epoch++) {
      Double test = epoch % 2 == 1 ? tests[epoch / 2] : null;
      double train = epoch == 2 * tests.length - 1 ? lastTrain : 0.5;
      epochs.add(new EpochRecord(epoch, 0.1, 1.0, train, test, 1.0, 100.0));
    }
    return epochs;
  }
}
