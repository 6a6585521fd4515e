package dev.cosinerepro.model.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each objective on tiny tensors whose loss is easy to compute by hand. */
class LossesTest {

  private static final double LN2 = Math.log(2);
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
  void cosineWithOneHotIsOneMinusTrueComponentOverNorm() {
    // f = (3, 4, 0): ||f|| = 5. Label 0: 1 - 3/5 = 0.4; label 1: 1 - 4/5 = 0.2; mean 0.3.
    NDArray f = manager.create(new float[][] {{3, 4, 0}, {3, 4, 0}});
    CosineLoss loss = new CosineLoss(ClassEmbeddings.oneHot(3).toArray(manager));
    assertThat(value(loss, ids(0, 1), f)).isCloseTo(0.3, within(1e-6));
  }

  @Test
  void cosineUsesTheClassEmbedding() {
    // phi(0) = (0.6, 0.8), phi(1) = (1, 0); f = (2, 0) normalises to (1, 0).
    // Label 0: 1 - 0.6 = 0.4. Label 1: 1 - 1 = 0.
    ClassEmbeddings embeddings = ClassEmbeddings.of(new float[][] {{0.6f, 0.8f}, {1, 0}});
    CosineLoss loss = new CosineLoss(embeddings.toArray(manager));
    NDArray f = manager.create(new float[][] {{2, 0}});
    assertThat(value(loss, ids(0), f)).isCloseTo(0.4, within(1e-6));
    assertThat(value(loss, ids(1), f)).isCloseTo(0.0, within(1e-6));
    // Prediction: cosine to each class, (0.6, 1) -> class 1.
    assertThat(loss.classSimilarities(f).toFloatArray()).containsExactly(0.6f, 1f);
  }

  @Test
  void cosineOfZeroOutputIsOneNotNaN() {
    CosineLoss loss = new CosineLoss(ClassEmbeddings.oneHot(2).toArray(manager));
    assertThat(value(loss, ids(1), manager.zeros(new ai.djl.ndarray.types.Shape(1, 2))))
        .isEqualTo(1.0);
  }

  @Test
  void crossEntropyIsMinusLogSoftmaxOfTheTrueClass() {
    // logits (0, 0): p = 1/2 -> ln 2. logits (0, ln 3) with label 1: p = 3/4 -> ln(4/3).
    SmoothedCrossEntropyLoss loss = new SmoothedCrossEntropyLoss(2, 0f);
    assertThat(value(loss, ids(0), manager.create(new float[][] {{0, 0}})))
        .isCloseTo(LN2, within(1e-6));
    assertThat(value(loss, ids(1), manager.create(new float[][] {{0, (float) Math.log(3)}})))
        .isCloseTo(Math.log(4.0 / 3), within(1e-6));
  }

  @Test
  void labelSmoothingSpreadsEpsilonOverTheOtherClasses() {
    // logits (ln 2, 0, 0): p = (1/2, 1/4, 1/4); targets (0.9, 0.05, 0.05) for label 0.
    // L = -(0.9 ln 1/2 + 0.1 ln 1/4) = 0.9 ln 2 + 0.2 ln 2 = 1.1 ln 2.
    SmoothedCrossEntropyLoss loss = new SmoothedCrossEntropyLoss(3, 0.1f);
    NDArray logits = manager.create(new float[][] {{(float) LN2, 0, 0}});
    assertThat(value(loss, ids(0), logits)).isCloseTo(1.1 * LN2, within(1e-6));
    // Against eps/C to every class it would be -(0.9333 ln 1/2 + 0.0667 ln 1/4) = 1.0667 ln 2.
  }

  @Test
  void cosinePlusCrossEntropyWeighsTheCrossEntropyByLambda() {
    // f = (3, 4), label 0: L_cos = 0.4; logits (0, 0): L_xent = ln 2; lambda = 0.1.
    CosineCrossEntropyLoss loss =
        new CosineCrossEntropyLoss(ClassEmbeddings.oneHot(2).toArray(manager), 0.1f);
    NDList predictions =
        new NDList(manager.create(new float[][] {{3, 4}}), manager.create(new float[][] {{0, 0}}));
    double value = loss.evaluate(new NDList(manager.create(new int[] {0})), predictions).getFloat();
    assertThat(value).isCloseTo(0.4 + 0.1 * LN2, within(1e-6));
  }

  @Test
  void labelsMayBeInt32Int64OrFloat32() {
    SmoothedCrossEntropyLoss loss = new SmoothedCrossEntropyLoss(2, 0f);
    NDArray logits = manager.create(new float[][] {{0, (float) Math.log(3)}});
    double expected = Math.log(4.0 / 3);
    assertThat(value(loss, manager.create(new int[] {1}), logits))
        .isCloseTo(expected, within(1e-6));
    assertThat(value(loss, manager.create(new long[] {1}), logits))
        .isCloseTo(expected, within(1e-6));
    assertThat(value(loss, manager.create(new float[] {1}), logits))
        .isCloseTo(expected, within(1e-6));
  }

  @Test
  void badArgumentsAreRejected() {
    assertThatThrownBy(() -> new SmoothedCrossEntropyLoss(3, 1f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labelSmoothing");
    assertThatThrownBy(() -> ClassEmbeddings.of(new float[][] {{1, 1}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unit length");
    assertThatThrownBy(() -> ClassEmbeddings.of(new float[][] {{1, 0}, {1}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1");
  }

  @Test
  void oneHotEmbeddingsKnowThemselves() {
    assertThat(ClassEmbeddings.oneHot(3).isOneHot()).isTrue();
    assertThat(ClassEmbeddings.of(new float[][] {{0.6f, 0.8f}, {1, 0}}).isOneHot()).isFalse();
    assertThat(ClassEmbeddings.oneHot(3).fingerprint())
        .isEqualTo(ClassEmbeddings.oneHot(3).fingerprint())
        .isNotEqualTo(ClassEmbeddings.oneHot(4).fingerprint());
  }

  private NDArray ids(int... labels) {
    return manager.create(labels);
  }

  private static double value(ai.djl.training.loss.Loss loss, NDArray labels, NDArray prediction) {
    return loss.evaluate(new NDList(labels), new NDList(prediction)).getFloat();
  }
}
