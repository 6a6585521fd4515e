package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.Provenance;
import dev.cosinerepro.workflows.spec.RunResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The provenance block of the HTML report: what the stored records say about where the numbers came
 * from. One entry per line; a record that gains fields (code version, hardware) adds its lines here
 * and nowhere else.
 */
final class ProvenanceLines {
  private ProvenanceLines() {}

  /** The entries, in display order. */
  static Map<String, String> of(ReportDocument document) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("plan", document.request().plan().name());
    entries.put("workflow id", document.request().planWorkflowId());
    entries.put("learning-rate search", String.valueOf(document.request().plan().search()));
    entries.put("paper numbers", PaperNumbers.SOURCE);
    Provenance recorded = document.provenance();
    if (recorded != null) {
      entries.put("plan hash", String.valueOf(recorded.planHash()));
      entries.put(
          "code",
          recorded.codeCommit()
              + (Boolean.TRUE.equals(recorded.codeDirty()) ? " (with uncommitted changes)" : ""));
      if (recorded.versions() != null) {
        recorded.versions().forEach((name, version) -> entries.put(name, version));
      }
      entries.put("workers", joined(recorded.workers()));
      entries.put("devices", joined(recorded.devices()));
      if (recorded.datasetFiles() != null) {
        recorded
            .datasetFiles()
            .forEach((file, checksum) -> entries.put("dataset file " + file, checksum));
      }
      entries.put("training span", recorded.startedAt() + " to " + recorded.endedAt());
    }
    entries.put("recipe versions of the runs", HtmlReport.recipeVersions(document.runs()));
    entries.put("runs with a stored result", Integer.toString(document.runs().size()));
    entries.put(
        "epochs trained in this reproduction",
        Long.toString(
            document.request().groups().stream().mapToLong(GroupOutcome::epochsTrained).sum()));
    double seconds = document.runs().stream().mapToDouble(RunResult::trainSeconds).sum();
    entries.put(
        "training and evaluation time, summed over runs",
        String.format(Locale.ROOT, "%.1f s", seconds));
    return entries;
  }

  private static String joined(List<String> values) {
    return values == null || values.isEmpty() ? "not recorded" : String.join(", ", values);
  }
}
