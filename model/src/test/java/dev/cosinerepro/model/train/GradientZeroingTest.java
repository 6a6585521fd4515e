package dev.cosinerepro.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** libtorch's in-place zeroing of a parameter's gradient, as the trainer uses it after a step. */
class GradientZeroingTest {

  @Test
  void zeroesEveryElementAlsoNaNAndLeavesAMissingGradientAlone() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray weight = manager.create(new float[] {1, 2, 3});
      weight.setRequiresGradient(true);
      // no backward pass yet: no gradient is defined, and zeroing must not fail (a first step
      // that stops before its backward pass still zeroes in its finally block)
      GradientZeroing.zero(weight);

      backward(weight, w -> w.mul(w).sum());
      assertThat(weight.getGradient().toFloatArray()).containsExactly(2, 4, 6);
      GradientZeroing.zero(weight);
      assertThat(weight.getGradient().toFloatArray()).containsExactly(0, 0, 0);

      backward(weight, w -> w.mul(Float.NaN).sum());
      assertThat(weight.getGradient().toFloatArray()).containsOnly(Float.NaN);
      GradientZeroing.zero(weight);
      assertThat(weight.getGradient().toFloatArray()).containsExactly(0, 0, 0);

      // the next backward pass accumulates from zero
      backward(weight, w -> w.mul(3).sum());
      assertThat(weight.getGradient().toFloatArray()).containsExactly(3, 3, 3);
    }
  }

  /** One backward pass of {@code loss(weight)}, recorded inside a gradient collector. */
  private static void backward(NDArray weight, UnaryOperator<NDArray> loss) {
    try (GradientCollector collector = weight.getManager().getEngine().newGradientCollector()) {
      collector.backward(loss.apply(weight));
    }
  }
}
