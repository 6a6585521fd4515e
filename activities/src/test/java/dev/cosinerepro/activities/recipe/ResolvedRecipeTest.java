package dev.cosinerepro.activities.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.datasets.transform.Augmentation;
import dev.cosinerepro.model.MemoryFormat;
import dev.cosinerepro.model.TrainerConfig;
import dev.cosinerepro.workflows.spec.RunTemplate;
import org.junit.jupiter.api.Test;

/** The recipe's augmentation, evaluation and layout fields reach the parts that use them. */
class ResolvedRecipeTest {

  private static RunTemplate.Builder flipShift() {
    return RunTemplate.builder()
        .setDataset("fashion-mnist")
        .setArchitecture("resnet8")
        .setLoss("xent")
        .setBatchSize(10)
        .optAugmentation("flip-shift");
  }

  @Test
  void defaultsAreTheAuthorsShiftAndRunningStatistics() {
    ResolvedRecipe recipe = RecipeResolver.resolve(flipShift().build());
    assertThat(recipe.smallImageAugmentation()).isEqualTo(Augmentation.smallImages());
    assertThat(recipe.batchNormRecalibration()).isZero();
  }

  @Test
  void shiftFractionFillAndRecalibrationAreTheRecipes() {
    ResolvedRecipe recipe =
        RecipeResolver.resolve(
            flipShift()
                .optShiftFraction(0.1)
                .optShiftFill("constant")
                .optBatchNormRecalibration(5)
                .build());
    assertThat(recipe.smallImageAugmentation())
        .isEqualTo(new Augmentation(true, 0.1, 0, Augmentation.ShiftFill.CONSTANT));
    assertThat(recipe.batchNormRecalibration()).isEqualTo(5);
  }

  @Test
  void theMemoryFormatReachesTheTrainer() {
    RunTemplate plain = flipShift().build();
    RunTemplate channelsLast = flipShift().optMemoryFormat("channels-last").build();
    assertThat(
            RecipeResolver.resolve(plain)
                .trainerConfig(plain.run(0.1, 0), 10, 1, 28, 28, null)
                .memoryFormat())
        .isEqualTo(MemoryFormat.CONTIGUOUS);
    TrainerConfig config =
        RecipeResolver.resolve(channelsLast)
            .trainerConfig(channelsLast.run(0.1, 0), 10, 1, 28, 28, null);
    assertThat(config.memoryFormat()).isEqualTo(MemoryFormat.CHANNELS_LAST);
    assertThat(config.canonicalForm()).contains("memoryFormat=channels-last");
  }

  @Test
  void aBadFillIsNamed() {
    assertThatThrownBy(() -> flipShift().optShiftFill("wrap").build())
        .hasMessageContaining("data.shiftFill")
        .hasMessageContaining("constant");
  }
}
