package dev.cosinerepro.datasets.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.datasets.sampling.SeededRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {
  private static final int H = 6;
  private static final int W = 8;
  private static final Normalization IDENTITY =
      new Normalization(new float[] {0, 0}, new float[] {1, 1});

  private static byte[] image() {
    byte[] pixels = new byte[H * W * 2];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        pixels[(y * W + x) * 2] = (byte) (10 * y + x);
        pixels[(y * W + x) * 2 + 1] = (byte) (200 - x);
      }
    }
    return pixels;
  }

  private static float[] run(Augmentation aug, long seed) {
    float[] out = new float[H * W * 2];
    aug.apply(image(), 0, H, W, 2, IDENTITY, new SeededRandom(seed), new float[H * W * 2], out, 0);
    return out;
  }

  /** CHW value of channel c at (y, x). */
  private static float at(float[] chw, int c, int y, int x) {
    return chw[c * H * W + y * W + x];
  }

  @Test
  void noneOnlyNormalisesIntoChw() {
    float[] out = new float[H * W * 2];
    Normalization norm = new Normalization(new float[] {10, 100}, new float[] {2, 4});
    Augmentation.none().apply(image(), 0, H, W, 2, norm, null, new float[H * W * 2], out, 0);
    assertThat(at(out, 0, 2, 3)).isEqualTo((23 - 10) / 2f);
    assertThat(at(out, 1, 2, 3)).isEqualTo((197 - 100) / 4f);
  }

  @Test
  void flipMirrorsColumns() {
    Augmentation flip = new Augmentation(true, 0, 0);
    boolean sawFlip = false;
    boolean sawKeep = false;
    for (long seed = 0; seed < 20; seed++) {
      float[] out = run(flip, seed);
      if (at(out, 0, 1, 0) == 17) {
        sawFlip = true;
        assertThat(at(out, 1, 1, 0)).isEqualTo(193);
      } else {
        sawKeep = true;
        assertThat(at(out, 0, 1, 0)).isEqualTo(10);
      }
    }
    assertThat(sawFlip).isTrue();
    assertThat(sawKeep).isTrue();
  }

  @Test
  void constantFillZeroesTheUncoveredBorderAndKeepsTheDraws() {
    Augmentation nearest = new Augmentation(false, 0.5, 0);
    Augmentation constant = new Augmentation(false, 0.5, 0, Augmentation.ShiftFill.CONSTANT);
    boolean sawZeroBorder = false;
    for (long seed = 0; seed < 20; seed++) {
      float[] a = run(nearest, seed);
      float[] b = run(constant, seed);
      int same = 0;
      for (int i = 0; i < a.length; i++) {
        assertThat(b[i]).isBetween(0f, 255f);
        // a constant-filled pixel is the edge-replicated one with part of its weight on zeros
        assertThat(b[i]).isLessThanOrEqualTo(a[i] + 1e-3f);
        if (Math.abs(a[i] - b[i]) < 1e-3f) {
          same++;
        }
        sawZeroBorder |= b[i] == 0 && a[i] > 0;
      }
      // the same draw shifts both: the covered interior agrees
      assertThat(same).isGreaterThan(0);
    }
    assertThat(sawZeroBorder).isTrue();
    assertThat(Augmentation.ShiftFill.fromId("constant"))
        .isEqualTo(Augmentation.ShiftFill.CONSTANT);
    assertThatThrownBy(() -> Augmentation.ShiftFill.fromId("wrap")).hasMessageContaining("nearest");
  }

  @Test
  void shiftReplicatesEdgesAndStaysInRange() {
    Augmentation shift = new Augmentation(false, 0.5, 0);
    for (long seed = 0; seed < 20; seed++) {
      float[] out = run(shift, seed);
      for (float v : out) {
        assertThat(v).isBetween(0f, 255f);
      }
      // columns shift as a block: channel 1 depends on x only, so every row is the same
      for (int y = 1; y < H; y++) {
        assertThat(at(out, 1, y, 3)).isEqualTo(at(out, 1, 0, 3));
      }
    }
  }

  @Test
  void erasingFillsARectangleWithNoise() {
    Augmentation erase = new Augmentation(false, 0, 1);
    float[] plain = run(Augmentation.none(), 0);
    float[] out = run(erase, 3);
    int changed = 0;
    for (int i = 0; i < out.length; i++) {
      if (out[i] != plain[i]) {
        changed++;
      }
    }
    assertThat(changed).isPositive().isLessThan(out.length * 35 / 100);
  }

  @Test
  void sameSeedSameResultOtherSeedOtherResult() {
    Augmentation all = new Augmentation(true, 0.15, 0.5);
    assertThat(run(all, 5)).isEqualTo(run(all, 5));
    boolean differs = false;
    for (long seed = 6; seed < 10 && !differs; seed++) {
      differs = !java.util.Arrays.equals(run(all, 5), run(all, seed));
    }
    assertThat(differs).isTrue();
  }

  @Test
  void rangesAreChecked() {
    assertThatThrownBy(() -> new Augmentation(false, 1, 0)).hasMessageContaining("[0, 1)");
    assertThatThrownBy(() -> new Augmentation(false, 0, 1.5)).hasMessageContaining("[0, 1]");
    assertThat(Augmentation.smallImages()).isEqualTo(new Augmentation(true, 0.15, 0));
  }
}
