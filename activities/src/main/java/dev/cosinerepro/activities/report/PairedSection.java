package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.RateOutcome;
import dev.cosinerepro.workflows.spec.RunResult;
import dev.cosinerepro.workflows.spec.RunTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every comparison of a method with softmax + cross-entropy that the report claims, with its
 * uncertainty: each method's group is paired with the cross-entropy group of the same table,
 * dataset, subset size, network and schedule, and their runs at the chosen rates are paired by seed
 * ({@link PairedDifference}).
 */
final class PairedSection {
  private final List<PairedDifference> differences;

  private PairedSection(List<PairedDifference> differences) {
    this.differences = List.copyOf(differences);
  }

  static PairedSection of(List<GroupOutcome> groups, Map<String, RunResult> results) {
    Map<String, GroupOutcome> references = new LinkedHashMap<>();
    for (GroupOutcome group : groups) {
      if (Method.of(group.template()).orElse(null) == Method.XENT) {
        references.putIfAbsent(setting(group), group);
      }
    }
    List<PairedDifference> differences = new ArrayList<>();
    for (GroupOutcome group : groups) {
      Method method = Method.of(group.template()).orElse(null);
      GroupOutcome reference = references.get(setting(group));
      if (method == null || method == Method.XENT || reference == null) {
        continue;
      }
      Map<Long, RunResult> ours = bySeed(group, results);
      Map<Long, RunResult> theirs = bySeed(reference, results);
      List<double[]> pairs = new ArrayList<>();
      ours.forEach(
          (seed, run) -> {
            RunResult other = theirs.get(seed);
            if (other != null) {
              pairs.add(
                  new double[] {
                    run.bestTestAccuracy() - other.bestTestAccuracy(),
                    run.finalTestAccuracy() - other.finalTestAccuracy()
                  });
            }
          });
      if (pairs.isEmpty()) {
        continue;
      }
      double[] best = pairs.stream().mapToDouble(pair -> pair[0]).toArray();
      double[] last = pairs.stream().mapToDouble(pair -> pair[1]).toArray();
      differences.add(
          new PairedDifference(
              group.name(),
              reference.name(),
              group.template().dataset(),
              group.template().samplesPerClass(),
              method,
              pairs.size(),
              PairedDifference.Interval.of(best),
              PairedDifference.Interval.of(last)));
    }
    return new PairedSection(differences);
  }

  /** What must be equal for two groups to be compared: all but the objective. */
  private static String setting(GroupOutcome group) {
    RunTemplate template = group.template();
    return String.join(
        "|",
        group.table(),
        template.dataset(),
        Integer.toString(template.samplesPerClass()),
        template.architecture(),
        Integer.toString(template.totalEpochs()));
  }

  /** The stored results of a group's runs at its chosen rate, by seed. */
  private static Map<Long, RunResult> bySeed(GroupOutcome group, Map<String, RunResult> results) {
    Map<Long, RunResult> bySeed = new TreeMap<>();
    RateOutcome chosen = group.chosen();
    if (chosen == null) {
      return bySeed;
    }
    for (String runId : chosen.runIds()) {
      RunResult result = results.get(runId);
      if (result != null) {
        bySeed.put(result.spec().seed(), result);
      }
    }
    return bySeed;
  }

  List<PairedDifference> differences() {
    return differences;
  }

  boolean isEmpty() {
    return differences.isEmpty();
  }

  String markdown() {
    MarkdownTable table =
        new MarkdownTable(
            List.of(
                "group",
                "compared with",
                "seeds",
                "best: difference [95 % CI]",
                "final: difference [95 % CI]",
                "verdict (best)"),
            2);
    for (PairedDifference difference : differences) {
      table.add(
          List.of(
              difference.group(),
              difference.reference(),
              Integer.toString(difference.seeds()),
              difference.best().markdown(),
              difference.last().markdown(),
              difference.best().verdict()));
    }
    return "## Methods against cross-entropy, paired by seed\n\n"
        + "Differences in percentage points of test accuracy, each method and cross-entropy at"
        + " their chosen rates, paired by seed; 95 % Student-t intervals of the mean difference."
        + " Where an interval spans zero the data shows no difference.\n\n"
        + table.render()
        + "\n";
  }
}
