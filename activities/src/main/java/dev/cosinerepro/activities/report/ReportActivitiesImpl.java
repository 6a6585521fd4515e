package dev.cosinerepro.activities.report;

import dev.cosinerepro.storage.Json;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.StoreKeys;
import dev.cosinerepro.workflows.activity.ReportActivities;
import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.RateOutcome;
import dev.cosinerepro.workflows.spec.ReportRef;
import dev.cosinerepro.workflows.spec.ReportRequest;
import dev.cosinerepro.workflows.spec.RunResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a reproduction's report from the results in the store: {@code report.md}, {@code
 * report.csv} and {@code report.json} under {@code plans/<planWorkflowId>/}. A report is derived
 * data, so writing it again replaces the previous one.
 */
public final class ReportActivitiesImpl implements ReportActivities {
  private final ObjectStore store;

  /** Creates the activities over a store. */
  public ReportActivitiesImpl(ObjectStore store) {
    this.store = store;
  }

  @Override
  public ReportRef write(ReportRequest request) {
    List<RunResult> results = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> runIds = new ArrayList<>();
    for (GroupOutcome group : request.groups()) {
      for (RateOutcome rate : group.rates()) {
        runIds.addAll(rate.runIds());
      }
    }
    for (String runId : runIds.stream().distinct().toList()) {
      Optional<byte[]> json = store.get(StoreKeys.runResult(runId));
      if (json.isPresent()) {
        results.add(Json.read(json.get(), RunResult.class));
      } else {
        missing.add(runId);
      }
    }
    ResultsTable table = new ResultsTable(results, missing);
    String markdown = "# Results of plan '" + request.plan().name() + "'\n\n" + table.markdown();
    String id = request.planWorkflowId();
    String md = StoreKeys.report(id, "report.md");
    String csv = StoreKeys.report(id, "report.csv");
    String json = StoreKeys.report(id, "report.json");
    store.put(md, markdown.getBytes(StandardCharsets.UTF_8), "text/markdown; charset=utf-8");
    store.put(csv, table.csv().getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8");
    store.put(
        json,
        Json.write(
            Map.of(
                "plan", request.plan().name(),
                "planWorkflowId", id,
                "results", results,
                "missingRuns", missing)),
        "application/json");
    return new ReportRef(List.of(md, csv, json), table.markdown());
  }
}
