package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.RateOutcome;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which worker trained each run: the distinct worker identities of a run's chunk timings, so a
 * reproduction spread over several machines says where each number came from.
 */
final class WorkersSection {
  private final List<GroupOutcome> groups;
  private final Map<String, List<String>> workers;

  /**
   * @param groups the groups, in plan order
   * @param workers each run's workers by run id (a run without an entry is left out)
   */
  WorkersSection(List<GroupOutcome> groups, Map<String, List<String>> workers) {
    this.groups = List.copyOf(groups);
    this.workers = Map.copyOf(workers);
  }

  /** Whether no run names a worker. */
  boolean isEmpty() {
    return workers.values().stream().allMatch(List::isEmpty);
  }

  /** The workers of one run, empty when unknown. */
  List<String> of(String runId) {
    return workers.getOrDefault(runId, List.of());
  }

  /** One row per run that names a worker: group, rate, run id and its workers. */
  String markdown() {
    MarkdownTable table = new MarkdownTable(List.of("group", "run", "max lr", "workers"), 2);
    Set<String> listed = new HashSet<>();
    for (GroupOutcome group : groups) {
      for (RateOutcome rate : group.rates()) {
        for (String runId : rate.runIds()) {
          List<String> names = of(runId);
          if (!names.isEmpty() && listed.add(runId)) {
            table.add(
                List.of(
                    group.name(),
                    runId,
                    Format.rate(rate.learningRate()),
                    String.join(", ", names)));
          }
        }
      }
    }
    return "## Workers\n\n"
        + table.render()
        + "\nThe Temporal worker identities that trained each run's chunks (from"
        + " `runs/<id>/chunks/`).\n";
  }

  /** Every run's workers, for {@code report.json}: run id to identities, in plan order. */
  Map<String, List<String>> byRun() {
    Map<String, List<String>> byRun = new LinkedHashMap<>();
    for (GroupOutcome group : groups) {
      for (RateOutcome rate : group.rates()) {
        for (String runId : rate.runIds()) {
          if (!of(runId).isEmpty()) {
            byRun.putIfAbsent(runId, of(runId));
          }
        }
      }
    }
    return byRun;
  }
}
