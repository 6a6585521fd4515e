package dev.cosinerepro.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MemoryFormatTest {

  private static final SyntheticBatches DATA = SyntheticBatches.patterns(24, 8, 5);

  @Test
  void layingOutKeepsEveryValueAndContiguousIsTheBatchItself() {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (Shape shape : new Shape[] {new Shape(2, 1, 5, 4), new Shape(3, 3, 4, 6)}) {
        NDArray images = manager.randomNormal(shape);
        NDArray laid = MemoryFormat.CHANNELS_LAST.lay(images);
        assertThat(laid.getShape()).isEqualTo(shape);
        assertThat(laid.toFloatArray()).isEqualTo(images.toFloatArray());
        assertThat(laid.getManager()).isSameAs(images.getManager());
        assertThat(MemoryFormat.CONTIGUOUS.lay(images)).isSameAs(images);
      }
    }
  }

  @Test
  void namesAndBadInputsAreExplained() {
    assertThat(MemoryFormat.names()).containsExactly("contiguous", "channels-last");
    assertThat(MemoryFormat.fromId("channels-last")).isEqualTo(MemoryFormat.CHANNELS_LAST);
    assertThatThrownBy(() -> MemoryFormat.fromId("nhwc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown memory format 'nhwc'; valid names are [contiguous, channels-last].");
    try (NDManager manager = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> MemoryFormat.CHANNELS_LAST.lay(manager.zeros(new Shape(2, 3))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("A channels-last batch must be (N, C, H, W), got (2, 3).");
    }
  }

  @Test
  void bothFormatsScoreTheSameNetworkAlike() {
    TrainerConfig.Builder builder = ModelTrainerTest.tiny("cosine+xent");
    float[][] contiguous;
    try (ModelTrainer trainer = ModelTrainer.create(builder.build())) {
      contiguous = trainer.classScores(images(trainer));
    }
    TrainerConfig config = builder.optMemoryFormat(MemoryFormat.CHANNELS_LAST).build();
    try (ModelTrainer trainer = ModelTrainer.create(config)) {
      float[][] channelsLast = trainer.classScores(images(trainer));
      // the same initial weights (they depend on the seed alone), the same values up to the order
      // in which the kernels add
      for (int i = 0; i < contiguous.length; i++) {
        for (int c = 0; c < contiguous[i].length; c++) {
          assertThat(channelsLast[i][c]).isCloseTo(contiguous[i][c], Offset.offset(1e-5f));
        }
      }
    }
  }

  private static NDArray images(ModelTrainer trainer) {
    return DATA.batches(trainer.manager(), 8).next().getData().singletonOrThrow();
  }
}
