package dev.cosinerepro.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.cosinerepro.workflows.plan.Plans;
import dev.cosinerepro.workflows.spec.GroupSpec;
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
  void groupsExpandRatesAndSeedsAndPlansValidateTheirGroups() {
    RunSpec run = Fixtures.run(10, "xent", 1);
    GroupSpec group = GroupSpec.grid("g", "t", run, List.of(0.1, 0.05), List.of(1L, 2L));
    assertThat(group.gridRuns())
        .extracting(RunSpec::maxLearningRate, RunSpec::seed, RunSpec::subsetSeed)
        .containsExactly(
            tuple(0.1, 1L, 1L), tuple(0.1, 2L, 2L), tuple(0.05, 1L, 1L), tuple(0.05, 2L, 2L));
    GroupSpec follower = GroupSpec.atRateOf("f", "fig3", run, "g", List.of(0L));
    PlanSpec plan = new PlanSpec("two", "", List.of(group, follower), 1);
    assertThat(plan.knownRuns()).hasSize(4);
    assertThat(plan.totalEpochs()).isEqualTo(4 * 3 + 3);
    assertThat(plan.workflowId()).startsWith("plan-two-");

    assertThatThrownBy(() -> new PlanSpec("bad", "", List.of(follower, group), 1))
        .hasMessageContaining("takes its rate from 'g', which is not an earlier group");
    assertThatThrownBy(() -> new PlanSpec("bad", "", List.of(group, group), 1))
        .hasMessageContaining("two groups named 'g'");
    assertThatThrownBy(() -> GroupSpec.grid("g", "t", run, List.of(), List.of(0L)))
        .hasMessageContaining("has no learning rates");
    assertThatThrownBy(() -> GroupSpec.grid("g", "t", run, List.of(0.1, 0.1), List.of(0L)))
        .hasMessageContaining("lists a learning rate twice");
    assertThatThrownBy(() -> new PlanSpec("x", "", List.of(group), 1, "random"))
        .hasMessageContaining("use grid or halving");
    assertThatThrownBy(() -> Plans.byName("nope"))
        .hasMessageStartingWith("The plan 'nope' is not known: use one of ");
  }

  @Test
  void quickPlanComparesTheTwoLossesAtTwoSubsetSizes() {
    PlanSpec quick = Plans.quick();
    assertThat(quick.knownRuns()).hasSize(4);
    assertThat(quick.knownRuns())
        .extracting(RunSpec::samplesPerClass)
        .containsExactlyInAnyOrder(10, 10, 50, 50);
    assertThat(quick.knownRuns())
        .extracting(RunSpec::objective)
        .containsExactlyInAnyOrder("xent", "cosine", "xent", "cosine");
    assertThat(quick.knownRuns())
        .allSatisfy(run -> assertThat(run.dataset()).isEqualTo("fashion-mnist"));
    assertThat(quick.totalEpochs()).isEqualTo(48);
  }
}
