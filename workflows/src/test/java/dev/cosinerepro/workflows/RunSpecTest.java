package dev.cosinerepro.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cosinerepro.workflows.plan.Plans;
import dev.cosinerepro.workflows.spec.CanonicalHash;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.NetworkRecipe;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.RunTemplate;
import dev.cosinerepro.workflows.spec.ScheduleRecipe;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSpecTest {
  private static final ObjectMapper STRICT =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** A run spec as earlier releases stored it and recorded it in workflow histories. */
  private static final String FLAT =
      "{\"architecture\":\"resnet8\",\"augmentation\":\"none\",\"batchSize\":10,"
          + "\"dataset\":\"fashion-mnist\",\"embedding\":\"onehot\",\"evalEvery\":1,"
          + "\"maxLearningRate\":0.1,\"minLearningRate\":1.0E-6,\"objective\":\"cosine\","
          + "\"samplesPerClass\":10,\"seed\":7,\"sgdrBaseEpochs\":3,\"sgdrCycles\":2,"
          + "\"subsetRepeats\":1,\"subsetSeed\":0,\"weightDecay\":0}";

  /** Recipe 2 shuffles each repeat on its own; recipe 1 keeps the joint shuffle and its ids. */
  @Test
  void theRepeatShuffleIsPartOfRecipeTwoAndAbsentFromRecipeOne() throws Exception {
    RunTemplate current = Fixtures.run(10, "cosine", 2).template();
    assertThat(current.repeatShuffle()).isEqualTo("per-repeat");
    RunSpec joint =
        new RunSpec(
            current.withData(
                new dev.cosinerepro.workflows.spec.DataRecipe(
                    "fashion-mnist", 10, 0L, 1, "none", 0, 0, null, null, "joint")),
            0.1,
            7);
    assertThat(joint.id()).isNotEqualTo(Fixtures.run(10, "cosine", 2).id());
    RunSpec legacy = STRICT.readValue(FLAT, RunSpec.class);
    assertThat(legacy.repeatShuffle()).isEqualTo("joint");
    assertThat(legacy.template().canonical()).doesNotContain("repeatShuffle");
    assertThatThrownBy(
            () ->
                RunTemplate.builder()
                    .optRecipeVersion(RunTemplate.LEGACY_RECIPE)
                    .setDataset("fashion-mnist")
                    .setArchitecture("resnet20")
                    .setLoss("xent")
                    .setBatchSize(50)
                    .optRepeatShuffle("per-repeat")
                    .build())
        .hasMessageContaining("Recipe version 1 shuffles the repeats of a subset together");
    assertThatThrownBy(
            () ->
                new dev.cosinerepro.workflows.spec.DataRecipe(
                    "cub200", 1, null, 30, "none", 0, 0, null, null, "sorted"))
        .hasMessageContaining("data.repeatShuffle")
        .hasMessageContaining("per-repeat or joint");
  }

  @Test
  void identityIsTheHashOfTheCanonicalFormWithEveryNumberInIt() {
    RunSpec spec = Fixtures.run(10, "cosine", 2);
    assertThat(spec.canonical())
        .isEqualTo(
            "{\"maxLearningRate\":0.1,\"seed\":7,\"template\":{"
                + "\"data\":{\"augmentation\":\"none\",\"dataset\":\"fashion-mnist\","
                + "\"imageSide\":0,\"inputSide\":0,\"repeatShuffle\":\"per-repeat\","
                + "\"samplesPerClass\":10,\"shiftFill\":\"nearest\",\"shiftFraction\":0.15,"
                + "\"subsetRepeats\":1,\"subsetSeed\":0},"
                + "\"evaluation\":{\"batchNormRecalibration\":0,\"every\":1},"
                + "\"network\":{\"architecture\":\"resnet8\",\"batchNormEpsilon\":0.001,"
                + "\"batchNormMomentum\":0.99,\"initialization\":\"glorot-uniform\"},"
                + "\"objective\":{\"crossEntropyWeight\":0.1,\"embedding\":\"onehot\","
                + "\"headWeightDecay\":0.001,\"labelSmoothing\":0.1,\"loss\":\"cosine\"},"
                + "\"optimizer\":{\"batchSize\":10,\"clipNorm\":10.0,\"minLearningRate\":1.0E-6,"
                + "\"momentum\":0.9,\"weightDecay\":0.0,\"weightDecayScope\":\"kernels\"},"
                + "\"recipeVersion\":2,"
                + "\"schedule\":{\"baseEpochs\":3,\"cycles\":2,\"multiplier\":2,\"perStep\":false}}}");
    assertThat(spec.id())
        .hasSize(16)
        .matches("[0-9a-f]+")
        .isEqualTo(CanonicalHash.of(spec.canonical()));
    assertThat(Fixtures.run(10, "cosine", 2).id()).isEqualTo(spec.id());
    assertThat(Fixtures.run(10, "xent", 2).id()).isNotEqualTo(spec.id());
    assertThat(Fixtures.run(11, "cosine", 2).id()).isNotEqualTo(spec.id());
  }

  @Test
  void everyRecipeNumberChangesTheRunId() {
    RunTemplate base = Fixtures.template(10, "cosine+xent", 2);
    List<RunTemplate> variants =
        List.of(
            builder().optBatchNorm(0.9, 1e-3).build(),
            builder().optBatchNorm(0.99, 1e-5).build(),
            builder().optInitialization("he-normal").build(),
            builder().optMomentum(0.8).build(),
            builder().optClipNorm(5).build(),
            builder().optCrossEntropyWeight(0.5).build(),
            builder().optHeadWeightDecay(0).build(),
            builder().optLabelSmoothing(0.2).build(),
            builder().optWeightDecayScope("all").build(),
            builder().optMomentumForm("pytorch").build(),
            builder().optSchedule(new ScheduleRecipe(2, 3, 3, false)).build(),
            builder().optSchedule(new ScheduleRecipe(2, 3, 2, true)).build(),
            builder().optImageSides(36, 32).build(),
            builder().optShiftFraction(0.1).build(),
            builder().optShiftFill("constant").build(),
            builder().optBatchNormRecalibration(20).build());
    assertThat(builder().build().run(0.1, 7).id()).isEqualTo(base.run(0.1, 7).id());
    // the authors' momentum form, named or not, is the same recipe
    assertThat(builder().optMomentumForm("keras").build().run(0.1, 7).id())
        .isEqualTo(base.run(0.1, 7).id());
    assertThat(variants)
        .extracting(variant -> variant.run(0.1, 7).id())
        .doesNotContain(base.run(0.1, 7).id())
        .doesNotHaveDuplicates();
  }

  private static RunTemplate.Builder builder() {
    return RunTemplate.builder()
        .setDataset("fashion-mnist")
        .optSamplesPerClass(10)
        .optSubsetSeed(0)
        .setArchitecture("resnet8")
        .setLoss("cosine+xent")
        .setBatchSize(10)
        .optSchedule(ScheduleRecipe.sgdr(2, 3));
  }

  @Test
  void aFlatSpecOfEarlierReleasesReadsAsRecipeOneAndKeepsItsId() throws Exception {
    RunSpec legacy = STRICT.readValue(FLAT, RunSpec.class);
    assertThat(legacy.recipeVersion()).isEqualTo(RunTemplate.LEGACY_RECIPE);
    assertThat(legacy.canonical()).isEqualTo(FLAT);
    assertThat(legacy.id()).isEqualTo(CanonicalHash.of(FLAT));
    // written back in the sectioned form, it reads as the same run
    RunSpec again = STRICT.readValue(STRICT.writeValueAsString(legacy), RunSpec.class);
    assertThat(again.id()).isEqualTo(legacy.id());
    assertThat(again).isEqualTo(legacy);
  }

  @Test
  void aFlatTemplateExpandsAsEarlierReleasesDid() throws Exception {
    RunTemplate legacy = STRICT.readValue(FLAT, RunTemplate.class);
    // earlier releases drew the subset with each run's seed and lowered the minimum rate to it
    RunSpec run = legacy.run(1e-7, 3);
    assertThat(run.canonical())
        .contains("\"maxLearningRate\":1.0E-7,\"minLearningRate\":1.0E-7")
        .contains("\"seed\":3,")
        .contains("\"subsetSeed\":3,");
  }

  @Test
  void theSectionedFormRoundTrips() throws Exception {
    RunSpec spec = Fixtures.run(10, "cosine", 2);
    assertThat(STRICT.readValue(STRICT.writeValueAsString(spec), RunSpec.class).canonical())
        .isEqualTo(spec.canonical());
    RunTemplate template = Fixtures.template(10, "cosine", 2);
    assertThat(STRICT.readValue(STRICT.writeValueAsString(template), RunTemplate.class))
        .isEqualTo(template);
    RunTemplate sparse =
        STRICT.readValue(
            "{\"data\":{\"dataset\":\"cifar100\"},\"network\":{\"architecture\":\"resnet20\"},"
                + "\"objective\":{\"loss\":\"xent\"},\"optimizer\":{\"batchSize\":100}}",
            RunTemplate.class);
    assertThat(sparse.totalEpochs()).isEqualTo(372);
    assertThat(sparse.network().batchNormMomentum()).isEqualTo(0.99);
    assertThat(sparse.recipeVersion()).isEqualTo(RunTemplate.CURRENT_RECIPE);
  }

  @Test
  void sgdrLengthGrowsByTheMultiplier() {
    assertThat(Fixtures.run(10, "xent", 1).totalEpochs()).isEqualTo(3);
    assertThat(Fixtures.run(10, "xent", 2).totalEpochs()).isEqualTo(9);
    assertThat(ScheduleRecipe.PAPER.totalEpochs()).isEqualTo(372);
    assertThat(ScheduleRecipe.PAPER.cycleEnds()).containsExactly(12, 36, 84, 180, 372);
    assertThat(new ScheduleRecipe(3, 2, 3, false).cycleEnds()).containsExactly(2, 8, 26);
  }

  @Test
  void badFieldsAreNamed() {
    assertThatThrownBy(() -> Fixtures.template(10, "xent", 1).run(0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxLearningRate")
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> builder().setDataset("").build())
        .hasMessageContaining("'data.dataset' is missing");
    assertThatThrownBy(() -> builder().optSchedule(ScheduleRecipe.sgdr(5, 1_000_000_000)).build())
        .hasMessageContaining("schedule.baseEpochs");
    assertThatThrownBy(() -> builder().optSchedule(ScheduleRecipe.sgdr(20, 1000)).build())
        .hasMessageContaining("at most 100000 epochs");
    assertThatThrownBy(() -> builder().optBatchNorm(1.5, 1e-3).build())
        .hasMessageContaining("network.batchNormMomentum");
    assertThatThrownBy(() -> builder().optWeightDecayScope("biases").build())
        .hasMessageContaining("use one of kernels, all");
    assertThatThrownBy(() -> builder().optMomentumForm("nesterov").build())
        .hasMessageContaining("optimizer.momentumForm")
        .hasMessageContaining("use one of keras, pytorch");
    assertThatThrownBy(() -> builder().optMemoryFormat("nhwc").build())
        .hasMessage(
            "The run spec field 'network.memoryFormat' is 'nhwc': use one of contiguous,"
                + " channels-last.");
    assertThatThrownBy(
            () ->
                builder()
                    .optRecipeVersion(RunTemplate.LEGACY_RECIPE)
                    .optMemoryFormat(NetworkRecipe.CHANNELS_LAST)
                    .build())
        .hasMessageContaining("use recipeVersion 2");
    assertThatThrownBy(() -> builder().optMinLearningRate(0.5).build().run(0.1, 0))
        .hasMessageContaining("optimizer.minLearningRate");
    assertThatThrownBy(() -> builder().optAugmentation("crop-flip-erase-40-32").build())
        .hasMessageContaining("data.imageSide and data.inputSide");
    assertThatThrownBy(
            () -> builder().optRecipeVersion(RunTemplate.LEGACY_RECIPE).optMomentum(0.5).build())
        .hasMessageContaining("use recipeVersion 2");
  }

  @Test
  void groupsExpandRatesAndSeedsAndPlansValidateTheirGroups() {
    RunTemplate run = Fixtures.template(10, "xent", 1);
    GroupSpec group = GroupSpec.grid("g", "t", run, List.of(0.1, 0.05), List.of(1L, 2L));
    // the template fixes the subset seed: every run trains on the same subset
    assertThat(group.gridRuns())
        .extracting(RunSpec::maxLearningRate, RunSpec::seed, RunSpec::subsetSeed)
        .containsExactly(
            tuple(0.1, 1L, 0L), tuple(0.1, 2L, 0L), tuple(0.05, 1L, 0L), tuple(0.05, 2L, 0L));
    RunTemplate perSeed =
        RunTemplate.builder()
            .setDataset("fashion-mnist")
            .optSamplesPerClass(10)
            .setArchitecture("resnet8")
            .setLoss("xent")
            .setBatchSize(10)
            .build();
    assertThat(GroupSpec.grid("s", "t", perSeed, List.of(0.1), List.of(1L, 2L)).gridRuns())
        .extracting(RunSpec::seed, RunSpec::subsetSeed)
        .containsExactly(tuple(1L, 1L), tuple(2L, 2L));
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
  void theMemoryFormatEntersTheIdentityOnlyWhenChannelsLast() throws Exception {
    RunTemplate plain = builder().build();
    RunTemplate contiguous = builder().optMemoryFormat(NetworkRecipe.CONTIGUOUS).build();
    RunTemplate channelsLast = builder().optMemoryFormat(NetworkRecipe.CHANNELS_LAST).build();
    // the default is stored as absent: templates written before the field keep their ids
    assertThat(contiguous.canonical()).isEqualTo(plain.canonical()).doesNotContain("memoryFormat");
    assertThat(plain.network().effectiveMemoryFormat()).isEqualTo("contiguous");
    assertThat(channelsLast.canonical()).contains("\"memoryFormat\":\"channels-last\"");
    assertThat(channelsLast.id()).isNotEqualTo(plain.id());
    assertThat(STRICT.readValue(STRICT.writeValueAsString(channelsLast), RunTemplate.class))
        .isEqualTo(channelsLast);
  }

  @Test
  void quickPlanComparesTheTwoLossesAtTwoSubsetSizes() {
    PlanSpec quick = Plans.quick();
    assertThat(quick.knownRuns()).hasSize(4);
    assertThat(quick.knownRuns())
        .extracting(RunSpec::samplesPerClass)
        .containsExactlyInAnyOrder(10, 10, 50, 50);
    assertThat(quick.knownRuns())
        .extracting(RunSpec::loss)
        .containsExactlyInAnyOrder("xent", "cosine", "xent", "cosine");
    assertThat(quick.knownRuns())
        .allSatisfy(run -> assertThat(run.dataset()).isEqualTo("fashion-mnist"));
    assertThat(quick.totalEpochs()).isEqualTo(48);
    // the quick plan trains channels-last; fig3-fmnist keeps the layout its results were made with
    assertThat(quick.knownRuns())
        .allSatisfy(
            run ->
                assertThat(run.template().network().effectiveMemoryFormat())
                    .isEqualTo(NetworkRecipe.CHANNELS_LAST));
    assertThat(Plans.fig3FashionMnist().knownRuns())
        .allSatisfy(run -> assertThat(run.template().network().memoryFormat()).isNull());
  }
}
