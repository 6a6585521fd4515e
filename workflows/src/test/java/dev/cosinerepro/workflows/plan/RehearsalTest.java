package dev.cosinerepro.workflows.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.Shrinkage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rehearsal keeps the plan graph and shrinks only the runs. */
class RehearsalTest {
  private final PlanSpec paper = Plans.byName("paper");
  private final PlanSpec rehearsal = Rehearsal.of(paper, Shrinkage.DEFAULT);

  @Test
  void keepsEveryGroupNameTableDependencyDatasetEmbeddingAndLoss() {
    assertThat(rehearsal.name()).isEqualTo("paper");
    assertThat(rehearsal.rehearsed()).isTrue();
    assertThat(paper.rehearsed()).isFalse();
    assertThat(rehearsal.groups()).hasSameSizeAs(paper.groups());
    for (int i = 0; i < paper.groups().size(); i++) {
      GroupSpec before = paper.groups().get(i);
      GroupSpec after = rehearsal.groups().get(i);
      assertThat(after.name()).isEqualTo(before.name());
      assertThat(after.table()).isEqualTo(before.table());
      assertThat(after.learningRateFrom()).isEqualTo(before.learningRateFrom());
      assertThat(after.template().data().dataset()).isEqualTo(before.template().data().dataset());
      assertThat(after.template().data().augmentation())
          .isEqualTo(before.template().data().augmentation());
      assertThat(after.template().objective()).isEqualTo(before.template().objective());
      assertThat(after.template().network().architecture()).isEqualTo("resnet8");
      assertThat(after.template().totalEpochs()).isEqualTo(2);
      assertThat(after.seeds()).containsExactly(0L);
      if (!before.dependent()) {
        assertThat(after.learningRates()).containsExactly(2.5, 0.05);
      }
    }
    assertThat(rehearsal.workflowId()).isNotEqualTo(paper.workflowId());
  }

  @Test
  void everyFig3PointKeepsItsOwnSubsetInOrder() {
    List<Integer> cubSizes =
        rehearsal.groups().stream()
            .filter(g -> g.name().startsWith("fig3/cub200/") && g.name().endsWith("/xent"))
            .map(g -> g.template().data().samplesPerClass())
            .toList();
    assertThat(cubSizes).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(rehearsal.group("table2/cub200/xent").template().data().samplesPerClass())
        .isEqualTo(8);
    assertThat(rehearsal.group("fig3/cub200/k1/xent").template().data().subsetRepeats())
        .isEqualTo(2);
    Set<String> ids = new HashSet<>();
    for (GroupSpec group : rehearsal.groups()) {
      if (group.table().equals("fig3")) {
        assertThat(ids.add(group.template().run(0.1, 0).id())).as(group.name()).isTrue();
      }
    }
  }

  @Test
  void fileDatasetsGoThroughTheSameCropPipelineSmaller() {
    RunSpec cub = rehearsal.group("table2/cub200/cosine/cub-deep").gridRuns().get(0);
    assertThat(cub.template().data().augmentation()).isEqualTo("crop-flip-erase");
    assertThat(cub.template().data().imageSide()).isEqualTo(20);
    assertThat(cub.template().data().inputSide()).isEqualTo(16);
    assertThat(cub.template().objective().embedding()).isEqualTo("cub-deep");
    RunSpec cifar = rehearsal.group("table2/cifar100/xent").gridRuns().get(0);
    assertThat(cifar.template().data().imageSide()).isZero();
    assertThat(cifar.template().optimizer().batchSize()).isEqualTo(32);
  }

  @Test
  void paperFig3HasTheSemanticCurves() {
    assertThat(paper.group("fig3/cub200/k5/cosine/cub-deep").learningRateFrom())
        .isEqualTo("table2/cub200/cosine/cub-deep");
    assertThat(paper.group("fig3/cifar100/k50/cosine+xent/cifar100").learningRateFrom())
        .isEqualTo("table2/cifar100/cosine+xent/cifar100");
    assertThat(paper.group("fig3/cub200/k5/cosine").learningRateFrom())
        .isEqualTo("table2/cub200/cosine");
  }

  @Test
  void saysWhatItShrank() {
    List<String> changes = Rehearsal.changes(paper, rehearsal);
    assertThat(changes.get(0)).startsWith("runs: 465 -> ");
    assertThat(changes).contains("network: resnet50, resnet110-wide -> resnet8");
    assertThat(changes).anyMatch(line -> line.startsWith("image and crop sides: 512/448, 0/0"));
    assertThat(changes).contains("epochs per run: 372 -> 2");
  }
}
