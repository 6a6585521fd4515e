package dev.cosinerepro.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;

/**
 * One experiment group: one cell of the paper's tables or one point of its figure — a dataset, a
 * method (objective and class embedding) and a subset size — trained over a learning-rate grid and
 * a list of seeds.
 *
 * <p>The group's figure is the paper's: for each rate, the best test accuracy after any epoch,
 * averaged over the seeds; the rate with the highest such mean is the group's chosen rate. The
 * final-epoch accuracy at that rate is reported beside it.
 *
 * @param name unique name within the plan, e.g. {@code table2/cub200/cosine}
 * @param table where the report puts the group: {@code table2}, {@code table3}, {@code fig3} or any
 *     other label
 * @param template every setting of the group's runs but the rate and seed
 * @param learningRates the grid of maximum learning rates; empty when {@code learningRateFrom} is
 *     set
 * @param learningRateFrom the name of another group whose chosen rate this group uses (the paper's
 *     Fig. 3 uses each method's best rate from Table 2), or empty
 * @param seeds one run per seed and rate; a seed sets the training seed, and the subset draw unless
 *     the template fixes {@code data.subsetSeed}; default {@code [0]}
 */
public record GroupSpec(
    String name,
    String table,
    RunTemplate template,
    List<Double> learningRates,
    String learningRateFrom,
    List<Long> seeds) {

  /** Validates the group's shape. */
  public GroupSpec {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._/+=-]{0,120}")) {
      throw new IllegalArgumentException(
          "The group name '" + name + "' is not valid: use letters, digits and . _ / + = -.");
    }
    table = table == null ? "" : table;
    learningRateFrom = learningRateFrom == null ? "" : learningRateFrom;
    learningRates = learningRates == null ? List.of() : List.copyOf(learningRates);
    seeds = seeds == null || seeds.isEmpty() ? List.of(0L) : List.copyOf(seeds);
    if (template == null) {
      throw new IllegalArgumentException("The group '" + name + "' has no template run: add one.");
    }
    if (learningRates.isEmpty() && learningRateFrom.isEmpty()) {
      throw new IllegalArgumentException(
          "The group '"
              + name
              + "' has no learning rates: give learningRates or learningRateFrom.");
    }
    if (!learningRates.isEmpty() && !learningRateFrom.isEmpty()) {
      throw new IllegalArgumentException(
          "The group '" + name + "' has both learningRates and learningRateFrom: keep one.");
    }
    for (double rate : learningRates) {
      if (!(rate > 0) || Double.isInfinite(rate)) {
        throw new IllegalArgumentException(
            "The group '" + name + "' has the learning rate " + rate + ": rates must be positive.");
      }
    }
    if (learningRates.stream().distinct().count() != learningRates.size()) {
      throw new IllegalArgumentException(
          "The group '" + name + "' lists a learning rate twice: remove the duplicate.");
    }
    if (seeds.stream().distinct().count() != seeds.size()) {
      throw new IllegalArgumentException(
          "The group '" + name + "' lists a seed twice: remove the duplicate.");
    }
  }

  /** A group over a fixed grid. */
  public static GroupSpec grid(
      String name, String table, RunTemplate template, List<Double> rates, List<Long> seeds) {
    return new GroupSpec(name, table, template, rates, "", seeds);
  }

  /** A group at the rate another group chooses. */
  public static GroupSpec atRateOf(
      String name, String table, RunTemplate template, String source, List<Long> seeds) {
    return new GroupSpec(name, table, template, List.of(), source, seeds);
  }

  /** Whether the group waits for another group's chosen rate. */
  @JsonIgnore
  public boolean dependent() {
    return !learningRateFrom.isEmpty();
  }

  /** The runs at the given rates, rate-major then seed. */
  public List<RunSpec> runsAt(List<Double> rates) {
    List<RunSpec> runs = new ArrayList<>();
    for (double rate : rates) {
      for (long seed : seeds) {
        runs.add(template.run(rate, seed));
      }
    }
    return runs;
  }

  /** The runs of the group's own grid; empty for a dependent group, whose rate is not known yet. */
  @JsonIgnore
  public List<RunSpec> gridRuns() {
    return runsAt(learningRates);
  }
}
