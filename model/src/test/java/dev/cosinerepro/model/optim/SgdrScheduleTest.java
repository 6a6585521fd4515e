package dev.cosinerepro.model.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SgdrScheduleTest {

  private static final double MAX = 0.1;
  private static final double MIN = 1e-6;
  private final SgdrSchedule paper = SgdrSchedule.paper(MAX, MIN);

  private static double annealed(int k, int length) {
    return MIN + 0.5 * (MAX - MIN) * (1 + Math.cos(Math.PI * (k + 1) / length));
  }

  @Test
  void paperScheduleHas372EpochsAndRestartsAt12_36_84_180() {
    assertThat(paper.totalEpochs()).isEqualTo(12 + 24 + 48 + 96 + 192).isEqualTo(372);
    assertThat(paper.restartEpochs()).containsExactly(12, 36, 84, 180);
  }

  @Test
  void ratesAtTheDocumentedEpochs() {
    assertThat(paper.rate(0)).isEqualTo(0.1);
    assertThat(paper.rate(1)).isEqualTo(annealed(1, 12)); // 0.0933...
    assertThat(paper.rate(1)).isBetween(0.0933, 0.0934);
    assertThat(paper.rate(11)).isEqualTo(MIN); // cos(pi) = -1: last epoch of cycle 1
    assertThat(paper.rate(12)).isEqualTo(0.1); // restart
    assertThat(paper.rate(13)).isEqualTo(annealed(1, 24));
    assertThat(paper.rate(35)).isEqualTo(MIN);
    assertThat(paper.rate(36)).isEqualTo(0.1);
    assertThat(paper.rate(84)).isEqualTo(0.1);
    assertThat(paper.rate(180)).isEqualTo(0.1);
    assertThat(paper.rate(181)).isEqualTo(annealed(1, 192));
    assertThat(paper.rate(371)).isEqualTo(MIN);
  }

  @Test
  void ratesDecreaseWithinEachCycle() {
    int[] starts = {0, 12, 36, 84, 180, 372};
    for (int c = 0; c < 5; c++) {
      for (int e = starts[c] + 1; e < starts[c + 1]; e++) {
        assertThat(paper.rate(e)).isLessThan(paper.rate(e - 1));
      }
    }
  }

  @Test
  void epochsOutsideTheScheduleAreRejected() {
    assertThatThrownBy(() -> paper.rate(372))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 372)");
    assertThatThrownBy(() -> paper.rate(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badValuesAreRejected() {
    assertThatThrownBy(() -> SgdrSchedule.paper(0, 0)).hasMessageContaining("maxLearningRate");
    assertThatThrownBy(() -> SgdrSchedule.paper(0.1, 0.2)).hasMessageContaining("minLearningRate");
    assertThatThrownBy(() -> new SgdrSchedule(0.1, 0, 0, 12, 2)).hasMessageContaining("cycles");
  }

  @Test
  void constantScheduleIsConstant() {
    ConstantSchedule constant = new ConstantSchedule(0.05, 3);
    assertThat(constant.totalEpochs()).isEqualTo(3);
    assertThat(constant.rate(0)).isEqualTo(0.05);
    assertThat(constant.rate(2)).isEqualTo(0.05);
    assertThatThrownBy(() -> constant.rate(3)).isInstanceOf(IllegalArgumentException.class);
    assertThat(constant.describe()).isEqualTo("constant(rate=0.05,epochs=3)");
  }
}
