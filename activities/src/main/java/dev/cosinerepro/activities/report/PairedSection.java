package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.RateOutcome;
import dev.cosinerepro.workflows.spec.RunResult;
import dev.cosinerepro.workflows.spec.RunTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every comparison of methods that the report claims, with its uncertainty: each method's group is
 * paired with the cross-entropy group of the same table, dataset, subset size, network and
 * schedule, and each semantic-embedding method also with the same loss on one-hot embeddings (what
 * the class hierarchy adds); their runs at the chosen rates are paired by seed ({@link
 * PairedDifference}).
 */
final class PairedSection {
  /** The section's heading. */
  static final String TITLE = "Methods against cross-entropy and against one-hot, paired by seed";

  /** What the section's table holds. */
  static final String DESCRIPTION =
      "Differences in percentage points of test accuracy: each method against cross-entropy, and"
          + " each semantic-embedding method also against the same loss with one-hot embeddings,"
          + " both at their chosen rates and paired by seed; 95 % Student-t intervals of the mean"
          + " difference. Where an interval spans zero the data shows no difference.";

  private final List<PairedDifference> differences;

  private PairedSection(List<PairedDifference> differences) {
    this.differences = List.copyOf(differences);
  }

  static PairedSection of(List<GroupOutcome> groups, Map<String, RunResult> results) {
    Map<String, GroupOutcome> references = new LinkedHashMap<>();
    for (GroupOutcome group : groups) {
      Method.of(group.template())
          .ifPresent(method -> references.putIfAbsent(setting(group, method), group));
    }
    List<PairedDifference> differences = new ArrayList<>();
    for (GroupOutcome group : groups) {
      Method method = Method.of(group.template()).orElse(null);
      if (method == null || method == Method.XENT) {
        continue;
      }
      List<Method> against = new ArrayList<>(List.of(Method.XENT));
      method.oneHotCounterpart().ifPresent(against::add);
      for (Method referenceMethod : against) {
        GroupOutcome reference = references.get(setting(group, referenceMethod));
        if (reference != null) {
          pair(group, method, reference, referenceMethod, results).ifPresent(differences::add);
        }
      }
    }
    return new PairedSection(differences);
  }

  /** The two groups' runs at their chosen rates, paired by seed; empty when no seed is shared. */
  private static Optional<PairedDifference> pair(
      GroupOutcome group,
      Method method,
      GroupOutcome reference,
      Method referenceMethod,
      Map<String, RunResult> results) {
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
      return Optional.empty();
    }
    double[] best = pairs.stream().mapToDouble(p -> p[0]).toArray();
    double[] last = pairs.stream().mapToDouble(p -> p[1]).toArray();
    return Optional.of(
        new PairedDifference(
            group.name(),
            reference.name(),
            referenceMethod,
            group.template().dataset(),
            group.template().samplesPerClass(),
            method,
            pairs.size(),
            PairedDifference.Interval.of(best),
            PairedDifference.Interval.of(last)));
  }

  /** What must be equal for two groups to be compared: all but the objective; and the method. */
  private static String setting(GroupOutcome group, Method method) {
    RunTemplate template = group.template();
    return String.join(
        "|",
        method.name(),
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
              difference.verdict()));
    }
    return "## " + TITLE + "\n\n" + DESCRIPTION + "\n\n" + table.render() + "\n";
  }
}
