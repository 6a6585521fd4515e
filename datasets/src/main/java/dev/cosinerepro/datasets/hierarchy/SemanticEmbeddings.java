package dev.cosinerepro.datasets.hierarchy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The class-embedding mathematics of Barz &amp; Denzler, in double precision: the semantic
 * similarity matrix of a hierarchy and embeddings {@code E} (one row per class, in label order)
 * whose dot products reproduce it.
 *
 * <p>For classes {@code a, b}: {@code d(a, b) = height(lcs(a, b)) / H} and {@code S[a][b] = 1 -
 * d(a, b)}, so {@code S[a][a] = 1}. {@code S} is positive definite for a tree (its smallest
 * eigenvalue is at least {@code 1/H}, and exactly {@code 1/H} when two leaves share a parent of
 * height 1), so it has a Cholesky factor.
 *
 * <p>Matrices are {@code double[rows][columns]}; the linear algebra is EJML's.
 */
public final class SemanticEmbeddings {
  private SemanticEmbeddings() {}

  /**
   * The similarity matrix {@code S[a][b] = 1 - height(lcs(a, b)) / H} over the hierarchy's classes
   * in label order.
   */
  public static double[][] similarity(Hierarchy hierarchy) {
    List<Integer> classes = hierarchy.classes();
    int n = classes.size();
    double h = hierarchy.height();
    double[][] s = new double[n][n];
    for (int a = 0; a < n; a++) {
      s[a][a] = 1.0;
      for (int b = 0; b < a; b++) {
        double value = 1.0 - hierarchy.height(hierarchy.lcs(classes.get(a), classes.get(b))) / h;
        s[a][b] = value;
        s[b][a] = value;
      }
    }
    return s;
  }

  /**
   * The unit-sphere embeddings of the paper: the lower-triangular Cholesky factor {@code L} of
   * {@code S = L L^T}, one n-dimensional unit-norm row per class. This equals the authors'
   * incremental construction ({@code phi_1 = e_1}; row c solves the system of the earlier rows
   * against {@code S[c][0..c-1]} and gets the diagonal entry {@code sqrt(1 - ||x||^2)}).
   *
   * @throws IllegalArgumentException if {@code S} is not positive definite (cannot happen for a
   *     valid tree)
   */
  public static double[][] unitSphere(Hierarchy hierarchy) {
    return cholesky(similarity(hierarchy), hierarchy.source());
  }

  /**
   * The lower-triangular Cholesky factor of a symmetric positive definite matrix.
   *
   * @param matrix the matrix (not modified)
   * @param what a name for the matrix in the error message
   * @throws IllegalArgumentException if the matrix is not positive definite
   */
  public static double[][] cholesky(double[][] matrix, String what) {
    int n = matrix.length;
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
    if (!chol.decompose(new DMatrixRMaj(matrix))) {
      throw new IllegalArgumentException(
          "The similarity matrix of "
              + what
              + " is not positive definite, so it has no embedding.");
    }
    DMatrixRMaj lower = chol.getT(null);
    double[][] rows = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        rows[i][j] = lower.get(i, j);
      }
    }
    return rows;
  }

  /**
   * The low-dimensional variant: with the eigen decomposition {@code S = Q Lambda Q^T}, keep the
   * {@code k} largest eigenvalues, {@code E = Q_k sqrt(Lambda_k)} ({@code n x k}), then scale each
   * row to unit norm so that the embeddings stay on the sphere. {@code E E^T} approximates {@code
   * S}; with {@code k = n} it equals {@code S}.
   *
   * @param k the dimension, {@code 1 <= k <= n}
   * @throws IllegalArgumentException if {@code k} is out of range
   */
  public static double[][] lowDimensional(Hierarchy hierarchy, int k) {
    double[][] s = similarity(hierarchy);
    int n = s.length;
    if (k < 1 || k > n) {
      throw new IllegalArgumentException(
          "The dimension " + k + " is out of range for " + n + " classes: use 1.." + n + ".");
    }
    Eigen eigen = eigen(s, true);
    double[][] rows = new double[n][k];
    for (int j = 0; j < k; j++) {
      double scale = Math.sqrt(Math.max(0.0, eigen.values[j]));
      for (int i = 0; i < n; i++) {
        rows[i][j] = eigen.vectors[j][i] * scale;
      }
    }
    for (double[] row : rows) {
      double norm = Math.sqrt(Arrays.stream(row).map(x -> x * x).sum());
      if (norm > 0) {
        for (int j = 0; j < k; j++) {
          row[j] /= norm;
        }
      }
    }
    return rows;
  }

  /** One-hot embeddings: the {@code n x n} identity, the embedding of the flat hierarchy. */
  public static double[][] oneHot(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("One-hot embeddings need at least one class, not " + n);
    }
    double[][] rows = new double[n][n];
    for (int i = 0; i < n; i++) {
      rows[i][i] = 1.0;
    }
    return rows;
  }

  /** The eigenvalues of a symmetric matrix, descending. */
  public static double[] eigenvalues(double[][] symmetric) {
    return eigen(symmetric, false).values;
  }

  /** The smallest eigenvalue of a symmetric matrix. */
  public static double smallestEigenvalue(double[][] symmetric) {
    double[] values = eigenvalues(symmetric);
    return values[values.length - 1];
  }

  /** The Gram matrix {@code E E^T} of embeddings. */
  public static double[][] gram(double[][] rows) {
    int n = rows.length;
    double[][] g = new double[n][n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b <= a; b++) {
        double dot = 0;
        for (int j = 0; j < rows[a].length; j++) {
          dot += rows[a][j] * rows[b][j];
        }
        g[a][b] = dot;
        g[b][a] = dot;
      }
    }
    return g;
  }

  /** {@code max |E E^T - S|} over all entries: how far embeddings are from reproducing S. */
  public static double maxDeviation(double[][] rows, double[][] similarity) {
    double[][] g = gram(rows);
    double worst = 0;
    for (int a = 0; a < g.length; a++) {
      for (int b = 0; b < g.length; b++) {
        worst = Math.max(worst, Math.abs(g[a][b] - similarity[a][b]));
      }
    }
    return worst;
  }

  private record Eigen(double[] values, double[][] vectors) {}

  private static Eigen eigen(double[][] symmetric, boolean vectors) {
    int n = symmetric.length;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, vectors, true);
    if (!eig.decompose(new DMatrixRMaj(symmetric))) {
      throw new IllegalArgumentException(
          "The eigen decomposition of a " + n + "x" + n + " failed.");
    }
    Integer[] order =
        IntStream.range(0, n)
            .boxed()
            .sorted(
                Comparator.comparingDouble((Integer i) -> eig.getEigenvalue(i).getReal())
                    .reversed())
            .toArray(Integer[]::new);
    double[] values = new double[n];
    double[][] vecs = vectors ? new double[n][] : null;
    for (int r = 0; r < n; r++) {
      values[r] = eig.getEigenvalue(order[r]).getReal();
      if (vectors) {
        DMatrixRMaj v = eig.getEigenVector(order[r]);
        double[] column = new double[n];
        for (int i = 0; i < n; i++) {
          column[i] = v.get(i, 0);
        }
        // An eigenvector's sign is arbitrary: fix it so its first clearly non-zero entry is > 0.
        for (double x : column) {
          if (Math.abs(x) > 1e-12) {
            if (x < 0) {
              for (int i = 0; i < n; i++) {
                column[i] = -column[i];
              }
            }
            break;
          }
        }
        vecs[r] = column;
      }
    }
    return new Eigen(values, vecs);
  }
}
