package dev.cosinerepro.activities.report;

import static dev.cosinerepro.activities.report.Outcomes.dropped;
import static dev.cosinerepro.activities.report.Outcomes.group;
import static dev.cosinerepro.activities.report.Outcomes.paperRun;
import static dev.cosinerepro.activities.report.Outcomes.rate;
import static dev.cosinerepro.activities.report.Outcomes.shortRun;
import static dev.cosinerepro.activities.report.Outcomes.single;
import static dev.cosinerepro.activities.report.Outcomes.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.workflows.spec.Divergence;
import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.Provenance;
import dev.cosinerepro.workflows.spec.ReportRequest;
import dev.cosinerepro.workflows.spec.RunResult;
import dev.cosinerepro.workflows.spec.RunTemplate;
import dev.cosinerepro.workflows.spec.ScheduleRecipe;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Rendering of the report from hand-made outcomes: cells, differences, notes, CSV, charts. */
class ReportTest {

  static ReportRequest request(String search, List<GroupOutcome> groups) {
    List<GroupSpec> specs = new ArrayList<>();
    for (GroupOutcome group : groups) {
      specs.add(
          GroupSpec.grid(
              group.name(),
              group.table(),
              group.template(),
              List.copyOf(ProtocolDepartures.PAPER_GRID),
              List.of(0L)));
    }
    return new ReportRequest(
        "plan-test-0123", new PlanSpec("test", "A test plan.", specs, 1, search), groups);
  }

  static Report report(GroupOutcome... groups) {
    return Report.of(request("grid", List.of(groups)), Map.of(), List.of());
  }

  /**
   * CUB: cross-entropy 3 seeds at two rates; cosine lower than cross-entropy (a contrary result).
   */
  static List<GroupOutcome> table2Groups() {
    GroupOutcome xent =
        group(
            "table2/cub200/xent",
            "table2",
            paperRun("cub200", 0, "xent", "onehot"),
            rate(0.05, values(0.52, 0.50, 0.54), values(0.51, 0.49, 0.53)),
            rate(0.5, values(0.30, 0.31, 0.29), values(0.28, 0.30, 0.29)));
    GroupOutcome cosine =
        group(
            "table2/cub200/cosine",
            "table2",
            paperRun("cub200", 0, "cosine", "onehot"),
            rate(0.5, values(0.50, 0.51, 0.50), values(0.50, 0.50, 0.49)));
    GroupOutcome nabCosine =
        single("table2", paperRun("nabirds", 0, "cosine", "onehot"), 0.72, 0.71);
    return List.of(xent, cosine, nabCosine);
  }

  @Test
  void table2CellsShowBestFinalAndPaperWithSdOverSeeds() {
    String md = Report.of(request("grid", table2Groups()), Map.of(), List.of()).markdown();
    assertThat(md)
        .contains("## Table 2")
        .contains("| method | CUB | NAB |")
        .contains("| softmax + cross-entropy | 52.00 ± 2.00 / 51.00 ± 2.00 / 51.9 | — / — / 59.4 |")
        .contains(
            "| cosine loss (one-hot) | 50.33 ± 0.58 / 49.67 ± 0.58 / 67.6 | 72.00 / 71.00 / 71.7 |")
        .doesNotContain("Cars")
        .doesNotContain("label smoothing |");
  }

  @Test
  void theWorkersSectionNamesEachRunsWorkersAndIsAbsentWithoutAny() {
    List<GroupOutcome> groups = table2Groups();
    String first = groups.get(0).rates().get(0).runIds().get(0);
    String second = groups.get(1).rates().get(0).runIds().get(0);
    Report without = Report.of(request("grid", groups), Map.of(), List.of());
    assertThat(without.markdown()).doesNotContain("## Workers");
    assertThat(without.document().workers()).isEmpty();

    Map<String, List<String>> workers =
        Map.of(first, List.of("gpu-a"), second, List.of("gpu-a", "gpu-b"));
    Report report = Report.of(request("grid", groups), Map.of(), List.of(), workers);
    assertThat(report.markdown())
        .contains("## Workers")
        .contains("| " + first + " |")
        .contains("| gpu-a, gpu-b |");
    assertThat(report.terminalMarkdown()).doesNotContain("## Workers");
    assertThat(report.document().workers()).isEqualTo(workers);
    assertThat(report.document().workers().keySet()).containsExactly(first, second);
  }

  @Test
  void relativeDifferenceComesFromOurNumbersAndAContraryResultIsSaidPlainly() {
    Report report = Report.of(request("grid", table2Groups()), Map.of(), List.of());
    List<RelativeGain> gains = report.document().relativeGains();
    assertThat(gains).hasSize(1);
    RelativeGain cub = gains.get(0);
    assertThat(cub.method()).isEqualTo(Method.COSINE);
    assertThat(cub.oursBest())
        .isCloseTo((0.50333333 - 0.52) / 0.52, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(cub.paper()).isCloseTo(0.3025, org.assertj.core.api.Assertions.within(1e-4));
    assertThat(report.markdown())
        .contains(
            "| cosine loss (one-hot) vs softmax + cross-entropy | CUB | −3.2 % | −2.6 % | +30.3 % |")
        .contains(
            "cosine loss (one-hot) vs softmax + cross-entropy on CUB: −3.2 % relative here (final"
                + " epoch: −2.6 %); paper: +30.3 %. The paper's effect does not appear here.")
        .contains(
            "Table 2, cosine loss (one-hot), CUB: 50.33 here, 67.6 in the paper (−17.27 points).")
        .contains("best test accuracy after any epoch, at the learning rate that maximises it")
        .contains("gem")
        .contains("70.79 %");
    assertThat(report.markdown())
        .doesNotContain("Departures from the paper's protocol")
        .doesNotContain("REHEARSAL");
    assertThat(report.document().departures()).isEmpty();
  }

  @Test
  void aGainInTheDirectionOfThePaperIsSaidToo() {
    Report report =
        report(
            single("table2", paperRun("cub200", 0, "xent", "onehot"), 0.50, 0.49),
            single("table2", paperRun("cub200", 0, "cosine+xent", "onehot"), 0.66, 0.65));
    assertThat(report.markdown())
        .contains(
            "cosine loss + cross-entropy (one-hot) vs softmax + cross-entropy on CUB: +32.0 %")
        .contains("paper: +31.0 %. Same direction as the paper.");
  }

  @Test
  void aRehearsalIsMarkedAsOneAndItsShrinkageListed() {
    ReportRequest paper =
        request(
            "grid", List.of(single("table2", paperRun("cub200", 0, "xent", "onehot"), 0.5, 0.5)));
    PlanSpec rehearsed =
        dev.cosinerepro.workflows.plan.Rehearsal.of(
            paper.plan(), dev.cosinerepro.workflows.spec.Shrinkage.DEFAULT);
    Report report =
        Report.of(
            new ReportRequest(rehearsed.workflowId(), rehearsed, paper.groups()),
            Map.of(),
            List.of());
    assertThat(report.markdown())
        .startsWith("# REHEARSAL report: plan 'test'")
        .contains("This is a rehearsal: its runs are shrunk on purpose")
        .contains("- network resnet8 instead of resnet50: 1 group");
    assertThat(report.document().rehearsal()).isTrue();
  }

  @Test
  void divergedRunsAreMarkedAndTheProvenanceOfEveryResultGathered() {
    GroupOutcome group = single("table2", paperRun("cub200", 0, "xent", "onehot"), 0.4, 0.3);
    String runId = group.rates().get(0).runIds().get(0);
    Provenance provenance =
        new Provenance(
            "0123abc",
            false,
            Map.of("djl", "0.36.0"),
            List.of("1@worker"),
            List.of("gpu: NVIDIA H200 (1 visible)"),
            "cub200",
            Map.of("CUB_200_2011.tgz", "MD5 97eceeb196236b17998738112f37df78"),
            null,
            0L,
            0L,
            "2026-12-01T10:00:00Z",
            "2026-12-01T11:00:00Z");
    RunResult diverged =
        new RunResult(
            runId,
            group.template().run(0.1, 0),
            0.4,
            2,
            0.3,
            3,
            5,
            new Divergence(3, 7, "the loss is NaN"),
            provenance);
    ReportRequest request = request("grid", List.of(group));
    Report report = Report.of(request, Map.of(runId, diverged), List.of());
    assertThat(report.markdown())
        .contains("| 1/1 (1 diverged) |")
        .contains("## Provenance")
        .contains("- code: 0123abc (clean)")
        .contains("- plan hash: " + request.plan().id())
        .contains("- devices: gpu: NVIDIA H200 (1 visible)")
        .contains("- trained from 2026-12-01T10:00:00Z to 2026-12-01T11:00:00Z")
        .contains("- dataset file cub200/CUB_200_2011.tgz: MD5 97eceeb196236b17998738112f37df78");
    assertThat(report.document().provenance().planHash()).isEqualTo(request.plan().id());
    assertThat(report.document().rates().get(0).divergedRuns()).isEqualTo(1);
  }

  @Test
  void everyDepartureFromTheProtocolIsFlaggedWithItsGroups() {
    Report report = report(single("table2", shortRun("cub200", 10, "xent", "onehot"), 0.2, 0.2));
    assertThat(report.markdown())
        .contains("## Departures from the paper's protocol")
        .contains("- network resnet20 instead of resnet50: 1 group (table2/cub200/xent/onehot/10)")
        .contains(
            "- input images as stored instead of 448 px crops of images resized to 512: 1 group")
        .contains("- augmentation none instead of crop-flip-erase: 1 group")
        .contains("- batch 50 instead of 96: 1 group")
        .contains("- schedule 1 SGDR cycles of 3 epochs x2 (3 epochs) instead of 5 of 12 x2 (372)")
        .contains("- images per class 10 instead of 0: 1 group");
    Report halving =
        Report.of(
            request(
                "halving",
                List.of(single("table2", paperRun("cifar100", 0, "xent", "onehot"), 0.7, 0.7))),
            Map.of(),
            List.of());
    assertThat(halving.document().departures())
        .containsExactly(
            "search halving instead of training every rate to the end: 1 group"
                + " (table2/cifar100/xent/onehot/0)");
  }

  @Test
  void everyRecipeFieldThatDiffersFromTheAuthorsIsADeparture() {
    RunTemplate changed =
        RunTemplate.builder()
            .setDataset("cifar100")
            .setArchitecture("resnet110-wide")
            .setLoss("cosine+xent")
            .setBatchSize(100)
            .optWeightDecay(4e-4)
            .optAugmentation("flip-shift")
            .optShiftFraction(0.125)
            .optShiftFill("constant")
            .optInitialization("he-normal")
            .optBatchNorm(0.9, 1e-5)
            .optCrossEntropyWeight(0.5)
            .optHeadWeightDecay(0)
            .optMinLearningRate(1e-5)
            .optMomentum(0.8)
            .optMomentumForm("pytorch")
            .optWeightDecayScope("all")
            .optClipNorm(5)
            .optSchedule(new ScheduleRecipe(5, 12, 2, true))
            .optEvalEvery(4)
            .optBatchNormRecalibration(20)
            .build();
    Report report = report(single("table2", changed, 0.5, 0.5));
    assertThat(report.document().departures())
        .extracting(line -> line.substring(0, line.indexOf(':')))
        .containsExactlyInAnyOrder(
            "shift 0.125 instead of 0.15",
            "shift fill constant instead of nearest",
            "initialization he-normal instead of glorot-uniform",
            "BatchNorm momentum 0.9 instead of 0.99",
            "BatchNorm epsilon 1.0E-5 instead of 0.001",
            "cross-entropy weight 0.5 instead of 0.1",
            "head weight decay 0 instead of 0.001",
            "minimum learning rate 1.0E-5 instead of 1.0E-6",
            "momentum 0.8 instead of 0.9",
            "momentum form pytorch instead of keras",
            "weight decay scope all instead of kernels",
            "clipping norm 5.0 instead of 10.0",
            "schedule 5 SGDR cycles of 12 epochs x2 (372 epochs), rate set every step instead of"
                + " 5 of 12 x2 (372)",
            "evaluation every 4 epochs instead of every epoch",
            "BatchNorm statistics re-estimated on 20 training batches before each evaluation"
                + " instead of the running statistics");
    Report authors =
        report(single("table2", paperRun("cifar100", 0, "cosine+xent", "onehot"), 0.5, 0.5));
    assertThat(authors.document().departures()).isEmpty();
  }

  @Test
  void twoGroupsInOneCellGetTwoRows() {
    Report report =
        report(
            single("table2", paperRun("cub200", 0, "cosine", "cub-deep"), 0.6, 0.59),
            group(
                "table2/cub200/cosine-flat",
                "table2",
                paperRun("cub200", 0, "cosine", "cub-flat"),
                rate(0.1, values(0.61), values(0.6))));
    assertThat(report.markdown())
        .contains("| cosine loss (semantic embeddings) | 60.00 / 59.00 / 59.6 |")
        .contains(
            "| cosine loss (semantic embeddings) [table2/cub200/cosine-flat] | 61.00 / 60.00 / 59.6 |");
  }

  @Test
  void table3RowsAreHierarchiesAndColumnsTheTwoCosineLosses() {
    Report report =
        report(
            single("table3", paperRun("cub200", 0, "cosine", "onehot"), 0.676, 0.67),
            single("table3", paperRun("cub200", 0, "cosine+xent", "cub-deep"), 0.70, 0.69),
            single("table3", paperRun("cub200", 0, "cosine", "cub-deep"), 0.60, 0.58));
    String md = report.markdown();
    assertThat(md)
        .contains("## Table 3")
        .contains("| class embedding | cosine loss | cosine + cross-entropy |")
        .contains("| one-hot (1 level) | 67.60 / 67.00 / 67.6 | — / — / — |")
        .contains("| deep (7 levels) | 60.00 / 58.00 / 59.9 | 70.00 / 69.00 / 70.4 |")
        .doesNotContain("flat (4 levels)")
        .doesNotContain("## Table 2");
    assertThat(report.document().table3()).hasSize(3);
  }

  @Test
  void failuresAndMissingResultsAreOneLineEach() {
    GroupOutcome failed =
        new GroupOutcome(
            "quick/k10/xent",
            "quick",
            shortRun("fashion-mnist", 10, "xent", "onehot"),
            List.of(dropped(0.1, 1, 0, 0)),
            null,
            0,
            List.of("run-abc: out of memory\n  at somewhere", "run-def: cancelled"));
    Report report = Report.of(request("grid", List.of(failed)), Map.of(), List.of("dropped-0.1-0"));
    assertThat(report.markdown())
        .contains("## Failures")
        .contains("- quick/k10/xent: run-abc: out of memory at somewhere\n")
        .contains("- quick/k10/xent: run-def: cancelled\n")
        .contains("- runs without a stored result: dropped-0.1-0");
  }

  @Test
  void otherLabelsArePivotedAgainstSubsetSizes() {
    Report report =
        report(
            group(
                "quick/k10/xent",
                "quick",
                shortRun("fashion-mnist", 10, "xent", "onehot"),
                rate(0.1, values(0.62, 0.66), values(0.60, 0.64))),
            single("quick", shortRun("fashion-mnist", 50, "xent", "onehot"), 0.80, 0.79),
            single("quick", shortRun("fashion-mnist", 10, "cosine", "onehot"), 0.70, 0.69));
    assertThat(report.terminalMarkdown())
        .contains("## Groups 'quick'")
        .contains("| dataset | method | network | k=10 | k=50 |")
        .contains(
            "| fashion-mnist | softmax + cross-entropy | resnet20 | 62.00 ± 2.83 (64.00 ± 2.83) |"
                + " 79.00 (80.00) |")
        .contains("| fashion-mnist | cosine loss (one-hot) | resnet20 | 69.00 (70.00) | — |")
        .doesNotContain("## Learning-rate grid");
  }

  @Test
  void rateGridMarksTheChosenRateAndHalvingDrops() {
    GroupOutcome halved =
        group(
            "table2/cub200/xent",
            "table2",
            paperRun("cub200", 0, "xent", "onehot"),
            rate(0.05, values(0.52), values(0.51)),
            dropped(0.5, 1, 12, 0.113));
    Map<String, RunResult> results = new HashMap<>();
    String runId = halved.rates().get(0).runIds().get(0);
    results.put(
        runId, new RunResult(runId, halved.template().run(0.05, 0), 0.52, 300, 0.51, 372, 10));
    String md = Report.of(request("halving", List.of(halved)), results, List.of()).markdown();
    assertThat(md)
        .contains(
            "| group | chosen | max lr | finished | best | final | best after epoch |"
                + " dropped after epoch | accuracy then |")
        .contains("| table2/cub200/xent | **chosen** | 0.05 | 1/1 | 52.00 | 51.00 | 301 |  |  |")
        .contains("| table2/cub200/xent |  | 0.5 | 0/1 | — | — | — | 12 | 11.30 |");
  }

  @Test
  void csvHasOneRowPerGroupAndRate() {
    Report report = Report.of(request("grid", table2Groups()), Map.of(), List.of());
    List<String> lines = report.csv().lines().toList();
    assertThat(lines.get(0)).isEqualTo(ReportCsv.HEADER);
    assertThat(lines).hasSize(1 + 2 + 1 + 1);
    assertThat(lines.get(1))
        .isEqualTo(
            "table2/cub200/xent,table2,cub200,0,xent,onehot,resnet50,0.05,true,3,3,52.00,2.00,51.00,"
                + "2.00,0,,51.9");
    assertThat(lines.get(2))
        .startsWith("table2/cub200/xent,table2,cub200,0,xent,onehot,resnet50,0.5,false,");
  }

  @Test
  void fig3HasATablePerDatasetAndAReadablePng() throws IOException {
    List<GroupOutcome> groups = new ArrayList<>();
    int[] sizes = {1, 5, 30};
    for (int i = 0; i < sizes.length; i++) {
      groups.add(
          group(
              "fig3/cub200/xent/" + sizes[i],
              "fig3",
              paperRun("cub200", sizes[i], "xent", "onehot"),
              rate(
                  0.05,
                  values(0.05 + 0.1 * i, 0.07 + 0.1 * i),
                  values(0.04 + 0.1 * i, 0.06 + 0.1 * i))));
      groups.add(
          single(
              "fig3",
              paperRun("cub200", sizes[i], "cosine", "onehot"),
              0.1 + 0.15 * i,
              0.1 + 0.14 * i));
    }
    Report report = Report.of(request("grid", groups), Map.of(), List.of());
    assertThat(report.markdown())
        .contains("## Fig. 3")
        .contains("| method | k=1 | k=5 | k=30 |")
        .contains(
            "| softmax + cross-entropy | 6.00 ± 1.41 / 5.00 ± 1.41 | 16.00 ± 1.41 / 15.00 ± 1.41 |")
        .contains("![Fig. 3, cub200](fig3-cub200.png)");
    assertThat(report.terminalMarkdown()).doesNotContain("fig3-cub200.png");
    Map<String, byte[]> charts = report.charts();
    assertThat(charts).containsOnlyKeys("fig3-cub200.png");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(charts.get("fig3-cub200.png")));
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(Fig3Chart.WIDTH);
    assertThat(image.getHeight()).isEqualTo(Fig3Chart.HEIGHT);
    assertThat(report.document().fig3()).hasSize(6);
  }
}
