package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.Recipe;
import java.util.Optional;

/** The training methods of the paper's Table 2, in the paper's row order. */
public enum Method {
  /** Softmax + cross-entropy ({@code xent}). */
  XENT("softmax + cross-entropy"),
  /** Softmax + cross-entropy with label smoothing, epsilon 0.1 ({@code xent-ls}). */
  XENT_LS("softmax + cross-entropy + label smoothing"),
  /** Cosine loss with one-hot class embeddings ({@code cosine}, {@code onehot}). */
  COSINE("cosine loss (one-hot)"),
  /** Cosine loss + 0.1 cross-entropy, one-hot ({@code cosine+xent}, {@code onehot}). */
  COSINE_XENT("cosine loss + cross-entropy (one-hot)"),
  /** Cosine loss with hierarchy-based (semantic) class embeddings. */
  COSINE_SEMANTIC("cosine loss (semantic embeddings)"),
  /** Cosine loss + cross-entropy with semantic class embeddings. */
  COSINE_XENT_SEMANTIC("cosine loss + cross-entropy (semantic)");

  private final String label;

  Method(String label) {
    this.label = label;
  }

  /** The paper's name of the method. */
  public String label() {
    return label;
  }

  /**
   * The same loss with one-hot class embeddings, against which a semantic embedding shows what the
   * class hierarchy adds (the paper's Table 3).
   *
   * @return the one-hot method for a semantic one, else empty
   */
  public Optional<Method> oneHotCounterpart() {
    return switch (this) {
      case COSINE_SEMANTIC -> Optional.of(COSINE);
      case COSINE_XENT_SEMANTIC -> Optional.of(COSINE_XENT);
      default -> Optional.empty();
    };
  }

  /**
   * The name of the method as a comparison's reference, in a verdict such as "ahead of
   * cross-entropy".
   */
  public String referenceName() {
    return switch (this) {
      case XENT -> "cross-entropy";
      case COSINE -> "one-hot cosine";
      case COSINE_XENT -> "one-hot cosine + xent";
      default -> label;
    };
  }

  /** The method a run trains with, or empty for an objective the paper does not name. */
  public static Optional<Method> of(Recipe spec) {
    boolean onehot = spec.template().objective().oneHot();
    return switch (spec.loss()) {
      case "xent" -> Optional.of(XENT);
      case "xent-ls" -> Optional.of(XENT_LS);
      case "cosine" -> Optional.of(onehot ? COSINE : COSINE_SEMANTIC);
      case "cosine+xent" -> Optional.of(onehot ? COSINE_XENT : COSINE_XENT_SEMANTIC);
      default -> Optional.empty();
    };
  }

  /**
   * A row label for any run: the paper's name of its method, or its objective (and embedding) when
   * the paper has no name for it.
   */
  public static String labelOf(Recipe spec) {
    return of(spec)
        .map(Method::label)
        .orElse(
            spec.loss()
                + (spec.template().objective().oneHot() ? "" : " [" + spec.embedding() + "]"));
  }
}
