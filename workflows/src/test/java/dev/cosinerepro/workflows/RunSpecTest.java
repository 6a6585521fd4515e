package dev.cosinerepro.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.workflows.plan.Plans;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSpecTest {

  @Test
  void identityIsTheHashOfTheCanonicalForm() {
    RunSpec spec = Fixtures.run(10, "cosine", 2);
    assertThat(spec.canonical())
        .isEqualTo(
            "{\"architecture\":\"resnet8\",\"augmentation\":\"none\",\"batchSize\":10,"
                + "\"dataset\":\"fashion-mnist\",\"embedding\":\"onehot\",\"evalEvery\":1,"
                + "\"maxLearningRate\":0.1,\"minLearningRate\":1.0E-6,\"objective\":\"cosine\","
                + "\"samplesPerClass\":10,\"seed\":7,\"sgdrBaseEpochs\":3,\"sgdrCycles\":2,"
                + "\"subsetRepeats\":1,\"subsetSeed\":0,\"weightDecay\":0}");
    assertThat(spec.id()).hasSize(16).matches("[0-9a-f]+");
    assertThat(Fixtures.run(10, "cosine", 2).id()).isEqualTo(spec.id());
    assertThat(Fixtures.run(10, "xent", 2).id()).isNotEqualTo(spec.id());
    assertThat(Fixtures.run(11, "cosine", 2).id()).isNotEqualTo(spec.id());
  }

  @Test
  void sgdrLengthDoublesEveryCycle() {
    assertThat(Fixtures.run(10, "xent", 1).totalEpochs()).isEqualTo(3);
    assertThat(Fixtures.run(10, "xent", 2).totalEpochs()).isEqualTo(9);
    RunSpec paper =
        new RunSpec(
            "cub200",
            0,
            0,
            1,
            "resnet50",
            "cosine",
            "onehot",
            0.5,
            1e-6,
            5,
            12,
            0,
            96,
            "none",
            1,
            0);
    assertThat(paper.totalEpochs()).isEqualTo(372);
  }

  @Test
  void badFieldsAreNamed() {
    assertThatThrownBy(
            () ->
                new RunSpec(
                    "fashion-mnist",
                    10,
                    0,
                    1,
                    "resnet8",
                    "xent",
                    "onehot",
                    0,
                    1e-6,
                    1,
                    3,
                    0,
                    10,
                    "none",
                    1,
                    0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxLearningRate")
        .hasMessageContaining("positive");
    assertThatThrownBy(
            () ->
                new RunSpec(
                    "", 10, 0, 1, "resnet8", "xent", "onehot", 0.1, 1e-6, 1, 3, 0, 10, "none", 1,
                    0))
        .hasMessageContaining("'dataset' is missing");
  }

  @Test
  void plansDropDuplicateRunsAndNameUnknownPlans() {
    RunSpec run = Fixtures.run(10, "xent", 1);
    PlanSpec plan = new PlanSpec("dup", "", List.of(run, Fixtures.run(10, "xent", 1)), 1);
    assertThat(plan.distinctRuns()).containsExactly(run);
    assertThat(plan.totalEpochs()).isEqualTo(3);
    assertThat(plan.workflowId()).startsWith("plan-dup-");
    assertThatThrownBy(() -> Plans.byName("nope"))
        .hasMessage("The plan 'nope' is not known: use one of quick.");
  }

  @Test
  void quickPlanComparesTheTwoLossesAtTwoSubsetSizes() {
    PlanSpec quick = Plans.quick();
    assertThat(quick.distinctRuns()).hasSize(4);
    assertThat(quick.runs())
        .extracting(RunSpec::samplesPerClass)
        .containsExactlyInAnyOrder(10, 10, 50, 50);
    assertThat(quick.runs())
        .extracting(RunSpec::objective)
        .containsExactlyInAnyOrder("xent", "cosine", "xent", "cosine");
    assertThat(quick.runs())
        .allSatisfy(run -> assertThat(run.dataset()).isEqualTo("fashion-mnist"));
  }
}
