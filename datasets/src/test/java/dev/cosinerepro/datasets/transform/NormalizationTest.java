package dev.cosinerepro.datasets.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.image.ImageSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizationTest {
  @Test
  void perChannelMeanAndPopulationStd() {
    // two 1x1 RGB images: channel 0 = {0, 100}, channel 1 = {10, 10 + 2}, channel 2 = {255, 55}
    byte[] pixels = {0, 10, (byte) 255, 100, 12, 55};
    ImageSet set = ImageSet.create(1, 1, 3, pixels, new int[] {0, 0}, List.of("x"));
    Normalization norm = Normalization.compute(set);
    assertThat(norm.mean()).containsExactly(new float[] {50, 11, 155}, within(1e-5f));
    assertThat(norm.std()).containsExactly(new float[] {50, 1, 100}, within(1e-5f));
    assertThat(norm)
        .isEqualTo(new Normalization(new float[] {50, 11, 155}, new float[] {50, 1, 100}));
  }

  @Test
  void rejectsConstantChannelsAndMismatchedArrays() {
    ImageSet flat = ImageSet.create(1, 1, 1, new byte[] {3, 3}, new int[] {0, 0}, List.of("x"));
    assertThatThrownBy(() -> Normalization.compute(flat))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("constant");
    assertThatThrownBy(() -> new Normalization(new float[] {1}, new float[] {1, 2}))
        .hasMessageContaining("1 means and 2 stds");
  }
}
