package dev.cosinerepro.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class ModelSummaryTest {

  @Test
  void listsLayersParametersAndMemory() {
    String summary = ModelSummary.describe("resnet8", 10, 3, 32, 32, 100);
    long params = ArchitecturesTest.cifarResNetParameters(3, 16, 1, 10);
    assertThat(summary)
        .startsWith("resnet8, 10 outputs, input 3x32x32, batch 100")
        .contains(String.format(Locale.ROOT, "trainable parameters: %,d", params))
        .contains("01Conv2d")
        .contains("(100, 16, 32, 32)")
        .contains("09Linear")
        .contains("(100, 10)")
        .contains("forward activations at batch 100:")
        .contains("training estimate:");
    // The stem convolution alone outputs 100 x 16 x 32 x 32 floats = 6.25 MiB.
    assertThat(activationMib(summary)).isGreaterThan(6.25);
  }

  @Test
  void activationsScaleWithTheBatch() {
    double one = activationMib(ModelSummary.describe("resnet8", 10, 1, 28, 28, 10));
    double ten = activationMib(ModelSummary.describe("resnet8", 10, 1, 28, 28, 100));
    assertThat(ten / one).isBetween(9.9, 10.1);
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> ModelSummary.describe("resnet8", 10, 3, 7, 32, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 8");
    assertThatThrownBy(() -> ModelSummary.describe("resnet8", 10, 3, 32, 32, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batch");
    assertThatThrownBy(() -> ModelSummary.describe("alexnet", 10, 3, 32, 32, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resnet20");
  }

  private static double activationMib(String summary) {
    String line =
        summary.lines().filter(l -> l.startsWith("forward activations")).findFirst().orElseThrow();
    return Double.parseDouble(line.replaceAll(".*: ([0-9.]+) MiB.*", "$1"));
  }
}
