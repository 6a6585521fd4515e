package dev.cosinerepro.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.cosinerepro.model.nets.ParameterCounts;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArchitecturesTest {

  /**
   * Trainable parameters of the CIFAR family, counted by hand: 3x3 convolutions without bias,
   * BatchNorm gamma and beta per channel, parameter-free shortcuts, dense kernel and bias.
   */
  static long cifarResNetParameters(int channels, int width, int n, int outputs) {
    long w1 = width;
    long w2 = 2L * width;
    long w3 = 4L * width;
    long stem = 9 * channels * w1 + 2 * w1;
    long stage1 = 2L * n * (9 * w1 * w1 + 2 * w1);
    long stage2 = 9 * w1 * w2 + 9 * w2 * w2 * (2L * n - 1) + 2 * w2 * 2L * n;
    long stage3 = 9 * w2 * w3 + 9 * w3 * w3 * (2L * n - 1) + 2 * w3 * 2L * n;
    long dense = w3 * outputs + outputs;
    return stem + stage1 + stage2 + stage3 + dense;
  }

  /**
   * DJL's ResNetV1-50, counted by hand: 7x7 stem, bottleneck units (1x1 with bias, 3x3 without, 1x1
   * with bias; each followed by BatchNorm) in stages of 3/4/6/3 units with 256/512/1024/2048
   * outputs, a 1x1 projection (no bias) plus BatchNorm on each stage's first unit, dense.
   */
  static long resnet50Parameters(int channels, int outputs) {
    long total = 49L * channels * 64 + 2 * 64;
    int[] units = {3, 4, 6, 3};
    int[] filters = {256, 512, 1024, 2048};
    long in = 64;
    for (int stage = 0; stage < 4; stage++) {
      long f = filters[stage];
      long q = f / 4;
      for (int unit = 0; unit < units[stage]; unit++) {
        total += in * q + q + 2 * q; // 1x1 conv with bias, BN
        total += 9 * q * q + 2 * q; // 3x3 conv, BN
        total += q * f + f + 2 * f; // 1x1 conv with bias, BN
        if (unit == 0) {
          total += in * f + 2 * f; // projection shortcut, BN
        }
        in = f;
      }
    }
    return total + 2048L * outputs + outputs;
  }

  @Test
  void namesListTheFamily() {
    assertThat(Architectures.names())
        .containsExactly(
            "resnet8",
            "resnet20",
            "resnet32",
            "resnet56",
            "resnet110",
            "resnet8-wide",
            "resnet20-wide",
            "resnet32-wide",
            "resnet56-wide",
            "resnet110-wide",
            "resnet50");
  }

  @Test
  void handCountsMatchTheKnownTotals() {
    assertThat(cifarResNetParameters(3, 16, 3, 10)).isEqualTo(269_722);
    // FACTS.md quotes 275,572 for ResNet-20 "with C = 10"; that total needs C = 100.
    assertThat(cifarResNetParameters(3, 16, 3, 100)).isEqualTo(275_572);
    assertThat(cifarResNetParameters(3, 32, 18, 100)).isEqualTo(6_905_092);
  }

  @ParameterizedTest
  @CsvSource({
    "resnet8, 16, 1",
    "resnet20, 16, 3",
    "resnet32, 16, 5",
    "resnet56, 16, 9",
    "resnet110, 16, 18",
    "resnet8-wide, 32, 1",
    "resnet20-wide, 32, 3",
    "resnet32-wide, 32, 5",
    "resnet56-wide, 32, 9",
    "resnet110-wide, 32, 18"
  })
  void cifarFamilyHasTheHandCountedParameters(String name, int width, int n) {
    for (int[] channelsAndClasses : new int[][] {{3, 100}, {1, 10}}) {
      int channels = channelsAndClasses[0];
      int classes = channelsAndClasses[1];
      assertThat(trainableParameters(name, classes, channels, 32))
          .as("%s with %d channels and %d classes", name, channels, classes)
          .isEqualTo(cifarResNetParameters(channels, width, n, classes));
    }
  }

  @Test
  void paperNetworksHaveTheirPublishedSize() {
    assertThat(trainableParameters("resnet110-wide", 100, 3, 32)).isEqualTo(6_905_092);
    assertThat(trainableParameters("resnet20", 10, 3, 32)).isEqualTo(269_722);
  }

  @Test
  void resnet50HasTheHandCountedParameters() {
    long count = trainableParameters("resnet50", 100, 3, 64);
    assertThat(count).isEqualTo(resnet50Parameters(3, 100));
    assertThat(count).isEqualTo(23_731_812); // "23.7 M params with 100 outputs" (FACTS.md)
  }

  @ParameterizedTest
  @CsvSource({
    "resnet8, 1, 28, 28",
    "resnet8, 3, 32, 32",
    "resnet8, 3, 9, 9",
    "resnet8-wide, 3, 8, 13",
    "resnet20, 1, 11, 8"
  })
  void forwardWorksForAnyInputOfAtLeast8Pixels(String name, int channels, int h, int w) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = Architectures.build(name, 7, channels);
      block.initialize(manager, DataType.FLOAT32, new Shape(2, channels, h, w));
      NDList out =
          block.forward(
              new ParameterStore(manager, false),
              new NDList(manager.randomNormal(new Shape(2, channels, h, w))),
              true);
      assertThat(out.singletonOrThrow().getShape()).isEqualTo(new Shape(2, 7));
    }
  }

  @Test
  void unknownNameListsTheValidNames() {
    assertThatThrownBy(() -> Architectures.build("resnet18", 10, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resnet18")
        .hasMessageContaining("resnet110-wide")
        .hasMessageContaining("resnet50");
    assertThatThrownBy(() -> Architectures.build("resnet8", 0, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("numClasses");
    assertThatThrownBy(() -> Architectures.build("resnet8", 10, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inputChannels");
  }

  @Test
  void everyArchitectureDocumentsItsMinimumSide() {
    assertThat(Map.of("resnet8", 8, "resnet110-wide", 8, "resnet50", 32))
        .allSatisfy(
            (name, side) -> assertThat(Architectures.minimumInputSide(name)).isEqualTo(side));
  }

  private static long trainableParameters(String name, int classes, int channels, int side) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = Architectures.build(name, classes, channels);
      block.initialize(manager, DataType.FLOAT32, new Shape(1, channels, side, side));
      return ParameterCounts.trainable(block);
    }
  }
}
