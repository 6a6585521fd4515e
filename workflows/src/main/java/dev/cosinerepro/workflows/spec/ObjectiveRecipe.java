package dev.cosinerepro.workflows.spec;

import static dev.cosinerepro.workflows.spec.RecipeFields.nonNegative;
import static dev.cosinerepro.workflows.spec.RecipeFields.text;

/**
 * The loss, the class embedding it compares with, and their weights.
 *
 * @param loss {@code xent}, {@code xent-ls}, {@code cosine} or {@code cosine+xent}
 * @param embedding the class embedding of the cosine losses: {@value #ONE_HOT} (default) or a
 *     hierarchy name such as {@code cub-deep}
 * @param crossEntropyWeight lambda of {@code cosine+xent}: {@code L = L_cos + lambda L_xent};
 *     default 0.1
 * @param headWeightDecay weight decay of the softmax head's kernel in {@code cosine+xent}, in the
 *     {@code w -= lr (g + wd w)} form; default 0.001 (the authors' L2 of 5e-4)
 * @param labelSmoothing epsilon of {@code xent-ls}, spread over the C - 1 other classes; default
 *     0.1
 */
public record ObjectiveRecipe(
    String loss,
    String embedding,
    Double crossEntropyWeight,
    Double headWeightDecay,
    Double labelSmoothing) {

  /** The embedding name of one-hot class vectors: no hierarchy. */
  public static final String ONE_HOT = "onehot";

  /** The authors' lambda. */
  public static final double PAPER_CROSS_ENTROPY_WEIGHT = 0.1;

  /** The authors' head kernel L2 (5e-4) in the decoupled form. */
  public static final double PAPER_HEAD_WEIGHT_DECAY = 2 * 5e-4;

  /** The authors' label smoothing. */
  public static final double PAPER_LABEL_SMOOTHING = 0.1;

  /** Validates the fields and fills in the defaults. */
  public ObjectiveRecipe {
    loss = text(loss, "objective.loss");
    embedding = text(embedding, "objective.embedding", ONE_HOT);
    crossEntropyWeight =
        nonNegative(crossEntropyWeight, PAPER_CROSS_ENTROPY_WEIGHT, "objective.crossEntropyWeight");
    headWeightDecay =
        nonNegative(headWeightDecay, PAPER_HEAD_WEIGHT_DECAY, "objective.headWeightDecay");
    labelSmoothing =
        RecipeFields.fraction(labelSmoothing, PAPER_LABEL_SMOOTHING, "objective.labelSmoothing");
  }

  /** The paper's settings for a loss with one-hot embeddings. */
  public static ObjectiveRecipe of(String loss) {
    return new ObjectiveRecipe(loss, null, null, null, null);
  }

  /** This objective with another class embedding. */
  public ObjectiveRecipe withEmbedding(String classEmbedding) {
    return new ObjectiveRecipe(
        loss, classEmbedding, crossEntropyWeight, headWeightDecay, labelSmoothing);
  }

  /** Whether the class embedding is one-hot. */
  public boolean oneHot() {
    return ONE_HOT.equals(embedding);
  }

  boolean isPaperDefault() {
    return crossEntropyWeight == PAPER_CROSS_ENTROPY_WEIGHT
        && headWeightDecay == PAPER_HEAD_WEIGHT_DECAY
        && labelSmoothing == PAPER_LABEL_SMOOTHING;
  }
}
