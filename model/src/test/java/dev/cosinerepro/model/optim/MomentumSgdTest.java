package dev.cosinerepro.model.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both momentum forms, clipping and weight decay on hand-computed numbers. */
class MomentumSgdTest {

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void clipsByGlobalNormThenAppliesMomentum() {
    // Gradients (30) and (40): global norm 50 > 10, so both are scaled by 10/50 to (6) and (8).
    NDArray a = weight(3f);
    NDArray b = weight(4f);
    setGradients(List.of(a, b), new float[] {30f, 40f});
    MomentumSgd sgd = new MomentumSgd(0.9f, 10);
    MomentumSgd.StepResult result =
        sgd.step(
            List.of(new MomentumSgd.Target("a", a, 0), new MomentumSgd.Target("b", b, 0)), 0.1);
    assertThat(result.gradientNorm()).isCloseTo(50, within(1e-9));
    assertThat(result.scale()).isCloseTo(0.2, within(1e-9));
    // v = 0.1 * (6, 8) = (0.6, 0.8); w = (3, 4) - v = (2.4, 3.2).
    assertThat(a.getFloat(0)).isCloseTo(2.4f, within(1e-6f));
    assertThat(b.getFloat(0)).isCloseTo(3.2f, within(1e-6f));

    // Second step, gradients (1) and (0), no clipping, lr 0.5 (Keras form keeps old lr in v):
    // v_a = 0.9 * 0.6 + 0.5 * 1 = 1.04, w_a = 2.4 - 1.04 = 1.36; v_b = 0.72, w_b = 2.48.
    setGradients(List.of(a, b), new float[] {1f, 0f});
    sgd.step(List.of(new MomentumSgd.Target("a", a, 0), new MomentumSgd.Target("b", b, 0)), 0.5);
    assertThat(a.getFloat(0)).isCloseTo(1.36f, within(1e-6f));
    assertThat(b.getFloat(0)).isCloseTo(2.48f, within(1e-6f));
    assertThat(sgd.velocities().get("a").getFloat(0)).isCloseTo(1.04f, within(1e-6f));
  }

  @Test
  void pytorchFormAppliesTheCurrentRateToTheWholeBuffer() {
    // The first test's two steps in PyTorch's form (b = m b + d; w -= lr b).
    NDArray a = weight(3f);
    NDArray b = weight(4f);
    List<MomentumSgd.Target> targets =
        List.of(new MomentumSgd.Target("a", a, 0), new MomentumSgd.Target("b", b, 0));
    MomentumSgd sgd = new MomentumSgd(0.9f, 10, MomentumForm.PYTORCH);
    setGradients(List.of(a, b), new float[] {30f, 40f});
    sgd.step(targets, 0.1);
    // Clipped to (6, 8): b = (6, 8); w = (3, 4) - 0.1 * b = (2.4, 3.2), as the Keras form while
    // the rate has not changed.
    assertThat(a.getFloat(0)).isCloseTo(2.4f, within(1e-6f));
    assertThat(b.getFloat(0)).isCloseTo(3.2f, within(1e-6f));

    // Rate 0.1 -> 0.5 with gradients (1, 0): b_a = 0.9 * 6 + 1 = 6.4, w_a = 2.4 - 0.5 * 6.4 = -0.8;
    // b_b = 7.2, w_b = 3.2 - 3.6 = -0.4 (the Keras form: 1.36 and 2.48).
    setGradients(List.of(a, b), new float[] {1f, 0f});
    sgd.step(targets, 0.5);
    assertThat(a.getFloat(0)).isCloseTo(-0.8f, within(1e-5f));
    assertThat(b.getFloat(0)).isCloseTo(-0.4f, within(1e-5f));
    assertThat(sgd.velocities().get("a").getFloat(0)).isCloseTo(6.4f, within(1e-5f));

    // Rate 0.5 -> 1e-6: the step shrinks at once (Keras would still move by 0.9 * its velocity).
    setGradients(List.of(a, b), new float[] {0f, 0f});
    sgd.step(targets, 1e-6);
    assertThat(a.getFloat(0)).isCloseTo(-0.8f, within(1e-4f));
    assertThat(sgd.form()).isEqualTo(MomentumForm.PYTORCH);
  }

  @Test
  void weightDecayIsPartOfTheGradient() {
    // w = 2, g = 1, wd = 0.5: d = 1 + 0.5 * 2 = 2; v = 0.1 * 2 = 0.2; w = 1.8.
    NDArray w = weight(2f);
    setGradients(List.of(w), new float[] {1f});
    new MomentumSgd(0.9f, 0).step(List.of(new MomentumSgd.Target("w", w, 0.5f)), 0.1);
    assertThat(w.getFloat(0)).isCloseTo(1.8f, within(1e-6f));
  }

  @Test
  void decayIsClippedWithTheGradient() {
    // w = 10, g = 0, wd = 2: d = 20 > clip 5 -> d = 5; w = 10 - 1 * 5 = 5.
    NDArray w = weight(10f);
    setGradients(List.of(w), new float[] {0f});
    MomentumSgd.StepResult result =
        new MomentumSgd(0.9f, 5).step(List.of(new MomentumSgd.Target("w", w, 2f)), 1.0);
    assertThat(result.gradientNorm()).isCloseTo(20, within(1e-6));
    assertThat(w.getFloat(0)).isCloseTo(5f, within(1e-6f));
  }

  @Test
  void nonPositiveClipNormDisablesClipping() {
    NDArray w = weight(0f);
    setGradients(List.of(w), new float[] {1000f});
    new MomentumSgd(0.9f, 0).step(List.of(new MomentumSgd.Target("w", w, 0)), 0.01);
    assertThat(w.getFloat(0)).isCloseTo(-10f, within(1e-4f));
    assertThat(GlobalNormClipping.scale(1000, -1)).isEqualTo(1.0);
    assertThat(GlobalNormClipping.scale(5, 10)).isEqualTo(1.0);
    assertThat(GlobalNormClipping.scale(20, 10)).isEqualTo(0.5);
  }

  @Test
  void nonFiniteGradientChangesNothing() {
    NDArray w = weight(1f);
    setGradients(List.of(w), new float[] {Float.NaN});
    MomentumSgd sgd = new MomentumSgd(0.9f, 10);
    MomentumSgd.StepResult result = sgd.step(List.of(new MomentumSgd.Target("w", w, 0)), 0.1);
    assertThat(result.applied()).isFalse();
    assertThat(w.getFloat(0)).isEqualTo(1f);
    assertThat(sgd.velocities()).isEmpty();
  }

  @Test
  void badMomentumIsRejected() {
    assertThatThrownBy(() -> new MomentumSgd(1f, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("momentum");
  }

  private NDArray weight(float value) {
    NDArray w = manager.create(new float[] {value});
    w.setRequiresGradient(true);
    return w;
  }

  /** Makes each weight's gradient the given value: backward of sum(w_i * g_i). */
  static void setGradients(List<NDArray> weights, float[] gradients) {
    for (NDArray w : weights) {
      if (w.hasGradient()) {
        w.getGradient().set(new NDIndex("..."), 0);
      }
    }
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray total = null;
      for (int i = 0; i < weights.size(); i++) {
        NDArray term = weights.get(i).mul(gradients[i]).sum();
        total = total == null ? term : total.add(term);
      }
      collector.backward(total);
    }
  }
}
