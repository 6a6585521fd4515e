package dev.cosinerepro.datasets.hierarchy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How class embeddings are made from a hierarchy; see {@link SemanticEmbeddings}. */
public enum EmbeddingMethod {
  /** The paper's embeddings: the Cholesky factor of S, n-dimensional, {@code E E^T = S}. */
  UNIT_SPHERE("unit-sphere"),
  /** The top-k eigenvectors of S scaled by the square roots of their eigenvalues, rows unit. */
  LOW_DIMENSIONAL("low-dim"),
  /** The identity: one-hot targets, as for the flat hierarchy. */
  ONE_HOT("one-hot");

  private final String id;

  EmbeddingMethod(String id) {
    this.id = id;
  }

  /** The name used on the command line and in keys, e.g. {@code unit-sphere}. */
  public String id() {
    return id;
  }

  /**
   * The method with the given {@link #id()}.
   *
   * @throws IllegalArgumentException naming the valid ids
   */
  public static EmbeddingMethod byId(String id) {
    for (EmbeddingMethod method : values()) {
      if (method.id.equals(id.toLowerCase(Locale.ROOT))) {
        return method;
      }
    }
    throw new IllegalArgumentException(
        "The embedding method '"
            + id
            + "' is not known: use one of "
            + Arrays.stream(values()).map(EmbeddingMethod::id).collect(Collectors.joining(", "))
            + ".");
  }

  @Override
  public String toString() {
    return id;
  }
}
