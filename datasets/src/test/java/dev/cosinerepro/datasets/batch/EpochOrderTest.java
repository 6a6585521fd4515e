package dev.cosinerepro.datasets.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The order of an epoch that repeats its subset. */
class EpochOrderTest {
  @Test
  void eachRepeatIsAPermutationOfItsOwn() {
    int[] order = EpochOrder.shuffled(10, 3, 5, 2, RepeatShuffle.PER_REPEAT);
    assertThat(order).hasSize(30);
    int[][] repeats = new int[3][];
    for (int r = 0; r < 3; r++) {
      repeats[r] = Arrays.copyOfRange(order, r * 10, r * 10 + 10);
      assertThat(Arrays.stream(repeats[r]).sorted().toArray())
          .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }
    assertThat(repeats[1]).isNotEqualTo(repeats[0]);
    assertThat(repeats[2]).isNotEqualTo(repeats[1]);
  }

  @Test
  void aJointShuffleMixesTheRepeats() {
    int[] order = EpochOrder.shuffled(10, 3, 5, 2, RepeatShuffle.JOINT);
    boolean everyStretchAPermutation = true;
    for (int r = 0; r < 3; r++) {
      int[] stretch = Arrays.copyOfRange(order, r * 10, r * 10 + 10);
      everyStretchAPermutation &= Arrays.stream(stretch).distinct().count() == 10;
    }
    assertThat(everyStretchAPermutation).isFalse();
  }

  @Test
  void oneRepeatIsTheSameOrderEitherWay() {
    assertThat(EpochOrder.shuffled(17, 1, 9, 4, RepeatShuffle.PER_REPEAT))
        .containsExactly(EpochOrder.shuffled(17, 1, 9, 4, RepeatShuffle.JOINT));
  }
}
