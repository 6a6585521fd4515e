package dev.cosinerepro.datasets.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The similarity matrix and the embeddings, by hand and on the shipped hierarchies. */
class SemanticEmbeddingsTest {
  private static final double THIRD = 1.0 / 3.0;

  @Test
  void similarityOfTheSmallTreeByHand() {
    double[][] s = SemanticEmbeddings.similarity(HierarchyTest.small());
    double[][] expected = {
      {1, 2 * THIRD, THIRD, 0},
      {2 * THIRD, 1, THIRD, 0},
      {THIRD, THIRD, 1, 0},
      {0, 0, 0, 1},
    };
    for (int i = 0; i < 4; i++) {
      assertThat(s[i]).containsExactly(expected[i], within(1e-15));
    }
  }

  @Test
  void unitSphereIsTheCholeskyFactorByHand() {
    double[][] e = SemanticEmbeddings.unitSphere(HierarchyTest.small());
    // Incremental construction: phi_1 = e_1; phi_2 = (2/3, sqrt(5)/3); phi_3 solves against both.
    assertThat(e[0]).containsExactly(new double[] {1, 0, 0, 0}, within(1e-15));
    assertThat(e[1])
        .containsExactly(new double[] {2 * THIRD, Math.sqrt(5) / 3, 0, 0}, within(1e-15));
    double x2 = (THIRD - 2 * THIRD * THIRD) / (Math.sqrt(5) / 3);
    assertThat(e[2])
        .containsExactly(
            new double[] {THIRD, x2, Math.sqrt(1 - THIRD * THIRD - x2 * x2), 0}, within(1e-15));
    assertThat(e[3]).containsExactly(new double[] {0, 0, 0, 1}, within(1e-15));
  }

  @Test
  void oneHotIsTheFlatHierarchy() {
    Hierarchy flat = Hierarchy.flat(5);
    assertThat(SemanticEmbeddings.similarity(flat)).isDeepEqualTo(SemanticEmbeddings.oneHot(5));
    assertThat(SemanticEmbeddings.unitSphere(flat)).isDeepEqualTo(SemanticEmbeddings.oneHot(5));
  }

  @ParameterizedTest
  @ValueSource(strings = {"cub-flat", "cub-wikispecies", "cub-deep", "cifar100"})
  void shippedHierarchiesHaveExactEmbeddings(String name) {
    Hierarchy h = HierarchyRegistry.byName(name, Path.of("unused")).hierarchy();
    double[][] s = SemanticEmbeddings.similarity(h);
    assertThat(SemanticEmbeddings.smallestEigenvalue(s)).isCloseTo(1.0 / h.height(), within(1e-10));
    double[][] e = SemanticEmbeddings.unitSphere(h);
    assertThat(e).hasNumberOfRows(h.classCount());
    assertThat(e[0]).hasSize(h.classCount());
    assertThat(SemanticEmbeddings.maxDeviation(e, s)).isLessThan(1e-10);
    for (double[] row : e) {
      assertThat(norm(row)).isCloseTo(1.0, within(1e-12));
    }
  }

  @Test
  void lowDimensionalWithFullRankReproducesS() {
    Hierarchy h = HierarchyRegistry.byName("cifar100", Path.of("unused")).hierarchy();
    double[][] s = SemanticEmbeddings.similarity(h);
    double[][] full = SemanticEmbeddings.lowDimensional(h, h.classCount());
    assertThat(SemanticEmbeddings.maxDeviation(full, s)).isLessThan(1e-10);
    double[][] small = SemanticEmbeddings.lowDimensional(h, 20);
    assertThat(small[0]).hasSize(20);
    for (double[] row : small) {
      assertThat(norm(row)).isCloseTo(1.0, within(1e-12));
    }
    // A rank-20 approximation is close but not exact.
    double deviation = SemanticEmbeddings.maxDeviation(small, s);
    assertThat(deviation).isGreaterThan(1e-6).isLessThan(1.0);
    assertThatThrownBy(() -> SemanticEmbeddings.lowDimensional(h, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..100");
  }

  @Test
  void eigenvaluesAreDescending() {
    double[] values = SemanticEmbeddings.eigenvalues(new double[][] {{2, 1}, {1, 2}});
    assertThat(values).containsExactly(new double[] {3, 1}, within(1e-12));
  }

  @Test
  void aMatrixThatIsNotPositiveDefiniteIsRefused() {
    assertThatThrownBy(() -> SemanticEmbeddings.cholesky(new double[][] {{1, 2}, {2, 1}}, "m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not positive definite");
  }

  private static double norm(double[] row) {
    return Math.sqrt(Arrays.stream(row).map(x -> x * x).sum());
  }
}
