package dev.cosinerepro.datasets.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.datasets.DatasetException;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LabelsTest {
  @Test
  void oneBasedBecomesZeroBased() {
    assertThat(Labels.fromOneBased(1, 102, "x")).isZero();
    assertThat(Labels.fromOneBased(102, 102, "x")).isEqualTo(101);
    assertThatThrownBy(() -> Labels.fromOneBased(0, 102, "imagelabels.mat image 7"))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(
            "imagelabels.mat image 7 has class 0 but classes are numbered 1..102");
  }

  @Test
  void sparseIdsBecomeDenseInAscendingOrder() {
    assertThat(Labels.dense(new TreeSet<>(List.of(1010, 295, 817))))
        .containsExactly(
            java.util.Map.entry(295, 0), java.util.Map.entry(817, 1), java.util.Map.entry(1010, 2));
  }
}
