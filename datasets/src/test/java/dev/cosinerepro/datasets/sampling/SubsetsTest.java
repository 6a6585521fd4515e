package dev.cosinerepro.datasets.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.image.ImageSet;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubsetsTest {
  private static int[] labels(int perClass, int classes) {
    int[] labels = new int[perClass * classes];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (i * 7) % classes;
    }
    return labels;
  }

  @Test
  void kPerClassSortedDeterministicAndNested() {
    int[] labels = labels(30, 4);
    int[] five = Subsets.perClass(labels, 4, 5, 11);
    int[] ten = Subsets.perClass(labels, 4, 10, 11);
    assertThat(five).hasSize(20).isSorted();
    assertThat(ten).hasSize(40).isSorted();
    assertThat(Subsets.perClass(labels, 4, 5, 11)).isEqualTo(five);
    assertThat(ten).contains(five);
    int[] counts = new int[4];
    for (int i : five) {
      counts[labels[i]]++;
    }
    assertThat(counts).containsOnly(5);
    assertThat(Subsets.perClass(labels, 4, 5, 12)).isNotEqualTo(five);
    assertThat(Subsets.perClass(labels, 4, 30, 11)).hasSize(120);
  }

  @Test
  void stableAcrossMachines() {
    // SeededRandom is SplitMix64 written out; its reference first output for seed 0:
    assertThat(new SeededRandom(0).nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
    // and the subset for one fixed input is pinned, so a change of algorithm is noticed.
    assertThat(Subsets.perClass(labels(10, 2), 2, 3, 0)).containsExactly(PINNED);
  }

  private static final int[] PINNED = {1, 3, 5, 14, 16, 18};

  @Test
  void tooFewImagesNamesTheClassAndCount() {
    int[] labels = {0, 0, 0, 1, 1};
    assertThatThrownBy(() -> Subsets.perClass(labels, 2, 3, 1))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("Class 1 has only 2 images but 3 per class");
    ImageSet set = ImageSet.create(1, 1, 1, new byte[5], labels, List.of("cat", "dog"));
    assertThatThrownBy(() -> Subsets.perClass(set, 3, 1)).hasMessageContaining("('dog')");
    assertThatThrownBy(() -> Subsets.perClass(labels, 2, 0, 1)).hasMessageContaining("k = 0");
    assertThatThrownBy(() -> Subsets.perClass(new int[] {2}, 2, 1, 1))
        .hasMessageContaining("outside 0..1");
    assertThat(Arrays.stream(Subsets.perClass(set, 2, 1)).map(set::label).sorted().toArray())
        .containsExactly(0, 0, 1, 1);
  }
}
