package dev.cosinerepro.activities.report;

import static dev.cosinerepro.activities.report.Outcomes.group;
import static dev.cosinerepro.activities.report.Outcomes.paperRun;
import static dev.cosinerepro.activities.report.Outcomes.rate;
import static dev.cosinerepro.activities.report.Outcomes.values;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.storage.Json;
import dev.cosinerepro.storage.LocalS3;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.StoreKeys;
import dev.cosinerepro.workflows.spec.EpochRecord;
import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.ReportRef;
import dev.cosinerepro.workflows.spec.ReportRequest;
import dev.cosinerepro.workflows.spec.RunResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReportActivitiesImpl#write} against a real S3 server on loopback. */
class ReportActivitiesImplTest {
  @TempDir Path folder;

  @Test
  void writesEveryFileAndReadsStoredRunResults() throws Exception {
    List<GroupOutcome> groups = new ArrayList<>(ReportTest.table2Groups());
    groups.add(
        group(
            "fig3/cub200/cosine/5",
            "fig3",
            paperRun("cub200", 5, "cosine", "onehot"),
            rate(0.5, values(0.2, 0.22), values(0.19, 0.2))));
    ReportRequest request = ReportTest.request("grid", groups);
    String id = request.planWorkflowId();
    try (LocalS3 s3 = LocalS3.start(folder);
        ObjectStore store = ObjectStore.connect(s3.settings("repro"))) {
      GroupOutcome xent = groups.get(0);
      String runId = xent.rates().get(0).runIds().get(0);
      store.put(
          StoreKeys.runResult(runId),
          Json.write(new RunResult(runId, xent.template().run(0.05, 0), 0.52, 299, 0.51, 372, 60)),
          "application/json");
      store.put(
          StoreKeys.metricsLog(runId),
          (new String(Json.write(new EpochRecord(0, 0.05, 1.2, 0.61, 0.48, 10, 100)), UTF_8)
                  + "\n"
                  + new String(
                      Json.write(new EpochRecord(1, 0.001, 0.4, 0.97, 0.51, 10, 100)), UTF_8)
                  + "\n")
              .getBytes(UTF_8),
          "application/x-ndjson");

      ReportRef ref = new ReportActivitiesImpl(store).write(request);

      assertThat(ref.keys())
          .containsExactly(
              StoreKeys.report(id, "outcomes.json"),
              StoreKeys.report(id, "report.md"),
              StoreKeys.report(id, "report.csv"),
              StoreKeys.report(id, "report.json"),
              StoreKeys.report(id, "fig3-cub200.png"),
              StoreKeys.report(id, "report.html"));
      assertThat(text(store, StoreKeys.report(id, "report.html")))
          .contains("<code><a href=\"report.json\">" + StoreKeys.report(id, "report.json"))
          .contains("<code>" + StoreKeys.runResult(runId) + "</code>");
      assertThat(ref.markdown()).contains("## Table 2", "## Fig. 3", "## Notes");
      ReportRequest stored =
          Json.read(
              store.get(StoreKeys.report(id, "outcomes.json")).orElseThrow(), ReportRequest.class);
      assertThat(stored).isEqualTo(request);
      String md = text(store, StoreKeys.report(id, "report.md"));
      assertThat(md).contains("| table2/cub200/xent | **chosen** | 0.05 | 3/3 | 52.00 ± 2.00 |");
      assertThat(md).contains("| 300 |").contains("runs without a stored result");
      assertThat(text(store, StoreKeys.report(id, "report.csv"))).startsWith(ReportCsv.HEADER);
      ReportDocument document =
          Json.read(
              store.get(StoreKeys.report(id, "report.json")).orElseThrow(), ReportDocument.class);
      assertThat(document.runs()).extracting(RunResult::runId).containsExactly(runId);
      assertThat(document.table2()).hasSize(3);
      assertThat(document.request()).isEqualTo(request);
      // the convergence section, from the stored epochs of the one run that has them
      assertThat(md)
          .contains("## Convergence at the chosen rates")
          .contains(
              "| table2/cub200/xent | 0.05 | 1 | 97.00 (97.00) | 1, 2 | 3.00 (3.00) | +3.00 |");
      assertThat(document.convergence())
          .extracting(ConvergenceRow::group)
          .containsExactly("table2/cub200/xent");
      assertThat(text(store, StoreKeys.report(id, "report.html"))).contains("convergence-table");
      byte[] png = store.get(StoreKeys.report(id, "fig3-cub200.png")).orElseThrow();
      assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(Fig3Chart.WIDTH);

      ReportRef again = new ReportActivitiesImpl(store).write(stored);
      assertThat(again).isEqualTo(ref);
    }
  }

  private static String text(ObjectStore store, String key) {
    return new String(store.get(key).orElseThrow(), StandardCharsets.UTF_8);
  }
}
