package dev.cosinerepro.workflows.spec;

import java.util.List;

/**
 * The outcome of an experiment group.
 *
 * @param name the group's name
 * @param table where the report puts it
 * @param template the group's template run
 * @param rates every rate tried, in grid order
 * @param chosenLearningRate the rate with the best mean best-after-any-epoch accuracy, or {@code
 *     null} when no rate finished
 * @param epochsTrained epochs the group's runs trained in this reproduction (0 for stored results)
 * @param failures one line per failed run
 */
public record GroupOutcome(
    String name,
    String table,
    RunTemplate template,
    List<RateOutcome> rates,
    Double chosenLearningRate,
    long epochsTrained,
    List<String> failures) {

  /** The outcome of the chosen rate, if any. */
  public RateOutcome chosen() {
    if (chosenLearningRate == null) {
      return null;
    }
    return rates.stream()
        .filter(rate -> rate.learningRate() == chosenLearningRate)
        .findFirst()
        .orElse(null);
  }
}
