package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.GroupOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TmpDumpTest {
  @Test
  void dump() throws Exception {
    List<GroupOutcome> groups = new ArrayList<>(ReportTest.table2Groups());
    groups.add(Outcomes.single("table3", Outcomes.paperRun("cub200", 0, "cosine+xent", "cub-deep"), 0.70, 0.69));
    int[] sizes = {1, 5, 10, 30};
    for (int i = 0; i < sizes.length; i++) {
      groups.add(Outcomes.group("fig3/cub200/xent/" + sizes[i], "fig3", Outcomes.paperRun("cub200", sizes[i], "xent", "onehot"),
          Outcomes.rate(0.05, Outcomes.values(0.05 + 0.1 * i, 0.08 + 0.1 * i, 0.06 + 0.1 * i), Outcomes.values(0.04 + 0.1 * i, 0.06 + 0.1 * i, 0.05 + 0.1*i))));
      groups.add(Outcomes.group("fig3/cub200/cosine/" + sizes[i], "fig3", Outcomes.paperRun("cub200", sizes[i], "cosine", "onehot"),
          Outcomes.rate(0.5, Outcomes.values(0.1 + 0.15 * i, 0.12 + 0.15 * i, 0.09 + 0.15 * i), Outcomes.values(0.09 + 0.14 * i, 0.1 + 0.14 * i, 0.08 + 0.14*i))));
    }
    groups.add(Outcomes.single("quick", Outcomes.shortRun("fashion-mnist", 10, "cosine", "onehot"), 0.70, 0.69));
    Report r = Report.of(ReportTest.request("grid", groups), Map.of(), List.of());
    Files.writeString(Path.of("/tmp/report.md"), r.markdown());
    Files.writeString(Path.of("/tmp/report.csv"), r.csv());
    Files.write(Path.of("/tmp/fig3-cub200.png"), r.charts().get("fig3-cub200.png"));
  }
}
