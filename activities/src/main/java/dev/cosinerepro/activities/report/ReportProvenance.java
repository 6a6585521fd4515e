package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.Provenance;
import dev.cosinerepro.workflows.spec.RunResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A report's provenance, gathered from its runs' results: every code commit, library version,
 * worker and device that trained them, every dataset file checksum, the plan's hash, and the span
 * from the first chunk's start to the last chunk's end. Pure: it reads only the results.
 */
final class ReportProvenance {
  private ReportProvenance() {}

  /** The provenance of a report over these results. */
  static Provenance of(PlanSpec plan, Collection<RunResult> results) {
    Set<String> commits = new LinkedHashSet<>();
    Set<String> workers = new LinkedHashSet<>();
    Set<String> devices = new LinkedHashSet<>();
    Set<String> datasets = new LinkedHashSet<>();
    Map<String, String> versions = new LinkedHashMap<>();
    Map<String, String> files = new LinkedHashMap<>();
    Boolean dirty = null;
    String started = null;
    String ended = null;
    for (RunResult result : results) {
      Provenance run = result.provenance();
      if (run == null) {
        continue;
      }
      commits.add(run.codeCommit());
      workers.addAll(run.workers());
      devices.addAll(run.devices());
      datasets.add(run.dataset());
      run.versions().forEach(versions::putIfAbsent);
      run.datasetFiles().forEach((file, sum) -> files.put(run.dataset() + "/" + file, sum));
      if (run.codeDirty() != null) {
        dirty = (dirty != null && dirty) || run.codeDirty();
      }
      if (run.startedAt() != null && (started == null || run.startedAt().compareTo(started) < 0)) {
        started = run.startedAt();
      }
      if (run.endedAt() != null && (ended == null || run.endedAt().compareTo(ended) > 0)) {
        ended = run.endedAt();
      }
    }
    return new Provenance(
        commits.isEmpty() ? "unknown" : String.join(", ", commits),
        dirty,
        versions,
        List.copyOf(workers),
        List.copyOf(devices),
        String.join(", ", datasets),
        files,
        plan.id(),
        null,
        null,
        started,
        ended);
  }

  /** The provenance in Markdown. */
  static String markdown(Provenance p) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "code: "
            + p.codeCommit()
            + (p.codeDirty() == null ? "" : p.codeDirty() ? " (uncommitted changes)" : " (clean)"));
    lines.add("plan hash: " + p.planHash());
    List<String> versions = new ArrayList<>();
    p.versions().forEach((name, version) -> versions.add(name + " " + version));
    lines.add("versions: " + (versions.isEmpty() ? "unknown" : String.join(", ", versions)));
    lines.add("workers: " + String.join(", ", p.workers()));
    lines.add("devices: " + String.join("; ", p.devices()));
    lines.add("trained from " + p.startedAt() + " to " + p.endedAt());
    p.datasetFiles().forEach((file, sum) -> lines.add("dataset file " + file + ": " + sum));
    StringBuilder out = new StringBuilder("## Provenance\n\n");
    lines.forEach(line -> out.append("- ").append(line).append('\n'));
    return out.toString();
  }
}
