package dev.cosinerepro.activities.report;

import dev.cosinerepro.activities.ledger.RunRecord;
import dev.cosinerepro.storage.Json;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.StoreKeys;
import dev.cosinerepro.workflows.activity.ReportActivities;
import dev.cosinerepro.workflows.spec.EpochRecord;
import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.RateOutcome;
import dev.cosinerepro.workflows.spec.ReportRef;
import dev.cosinerepro.workflows.spec.ReportRequest;
import dev.cosinerepro.workflows.spec.RunResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a reproduction's report under {@code plans/<planWorkflowId>/}: {@code outcomes.json} (the
 * request, so the report can be rebuilt), {@code report.md}, {@code report.csv}, {@code
 * report.json}, one {@code fig3-<dataset>.png} per Fig. 3 dataset and {@code report.html} (the
 * whole report with every run's training curves, one self-contained page). A report is derived
 * data, so writing it again replaces the previous one; {@code outcomes.json} is written first, so a
 * report that fails half-way can still be rebuilt.
 */
public final class ReportActivitiesImpl implements ReportActivities {
  /** The file that holds the report request. */
  public static final String OUTCOMES = "outcomes.json";

  /** The file name of the self-contained HTML report. */
  public static final String HTML = "report.html";

  private final ObjectStore store;

  /** Creates the activities over a store. */
  public ReportActivitiesImpl(ObjectStore store) {
    this.store = store;
  }

  /**
   * Runs that successive halving stopped on purpose: they have no result by design, and the rate
   * grid shows where they were dropped, so they are not listed as missing.
   */
  private static Set<String> droppedByHalving(ReportRequest request) {
    Set<String> dropped = new HashSet<>();
    for (GroupOutcome group : request.groups()) {
      for (RateOutcome rate : group.rates()) {
        if (rate.stoppedAtEpoch() > 0) {
          dropped.addAll(rate.runIds());
        }
      }
    }
    return dropped;
  }

  @Override
  public ReportRef write(ReportRequest request) {
    String id = request.planWorkflowId();
    List<String> keys = new ArrayList<>();
    keys.add(put(id, OUTCOMES, Json.write(request), "application/json"));
    Map<String, RunResult> results = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    Set<String> dropped = droppedByHalving(request);
    for (String runId : Report.runIds(request)) {
      Optional<RunResult> result = RunRecord.storedResult(store, runId);
      if (result.isPresent()) {
        results.put(runId, result.get());
      } else if (!dropped.contains(runId)) {
        missing.add(runId);
      }
    }
    Map<String, List<String>> workers = new LinkedHashMap<>();
    for (String runId : Report.runIds(request)) {
      List<String> names = RunRecord.storedWorkers(store, runId);
      if (!names.isEmpty()) {
        workers.put(runId, names);
      }
    }
    Map<String, List<EpochRecord>> curves = new LinkedHashMap<>();
    for (String runId : Report.runIds(request)) {
      List<EpochRecord> epochs = RunRecord.storedEpochs(store, runId);
      if (!epochs.isEmpty()) {
        curves.put(runId, epochs);
      }
    }
    Report report = Report.of(request, results, missing, workers, curves);
    keys.add(put(id, "report.md", utf8(report.markdown()), "text/markdown; charset=utf-8"));
    keys.add(put(id, "report.csv", utf8(report.csv()), "text/csv; charset=utf-8"));
    keys.add(put(id, "report.json", Json.write(report.document()), "application/json"));
    report.charts().forEach((name, png) -> keys.add(put(id, name, png, "image/png")));
    List<String> artifacts = new ArrayList<>(keys);
    artifacts.add(StoreKeys.report(id, HTML));
    for (String runId : Report.runIds(request)) {
      if (curves.containsKey(runId)) {
        artifacts.add(StoreKeys.runSpec(runId));
        artifacts.add(StoreKeys.metricsLog(runId));
      }
      if (results.containsKey(runId)) {
        artifacts.add(StoreKeys.runResult(runId));
      }
    }
    keys.add(put(id, HTML, utf8(report.html(curves, artifacts)), "text/html; charset=utf-8"));
    return new ReportRef(List.copyOf(keys), report.terminalMarkdown());
  }

  private String put(String planWorkflowId, String fileName, byte[] data, String contentType) {
    String key = StoreKeys.report(planWorkflowId, fileName);
    store.put(key, data, contentType);
    return key;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
