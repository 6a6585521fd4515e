package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.RunResult;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The provenance block of the HTML report: what the stored records say about where the numbers came
 * from. One entry per line; a record that gains fields (code version, hardware) adds its lines here
 * and nowhere else.
 */
final class Provenance {
  private Provenance() {}

  /** The entries, in display order. */
  static Map<String, String> of(ReportDocument document) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("plan", document.request().plan().name());
    entries.put("workflow id", document.request().planWorkflowId());
    entries.put("learning-rate search", String.valueOf(document.request().plan().search()));
    entries.put("paper numbers", PaperNumbers.SOURCE);
    String version = Provenance.class.getPackage().getImplementationVersion();
    entries.put(
        "report code version", version == null ? "not recorded (built from source)" : version);
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
}
