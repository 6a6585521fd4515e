package dev.cosinerepro.model.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The combined objective {@code L = L_cos + lambda * L_xent}.
 *
 * <p>Predictions: the embedding output {@code f} {@code (N, d)} first, the logits of the softmax
 * head {@code (N, C)} second. {@code L_cos} is {@link CosineLoss} on {@code f}, {@code L_xent}
 * plain softmax cross-entropy on the logits.
 */
public final class CosineCrossEntropyLoss extends Loss {

  private final CosineLoss cosine;
  private final SmoothedCrossEntropyLoss crossEntropy;
  private final float lambda;

  /**
   * Creates the loss.
   *
   * @param embeddings the class embeddings {@code (C, d)}
   * @param lambda the weight of the cross-entropy term, at least 0 (the paper: 0.1)
   */
  public CosineCrossEntropyLoss(NDArray embeddings, float lambda) {
    super("CosineCrossEntropy");
    if (!(lambda >= 0) || Float.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda + ".");
    }
    this.cosine = new CosineLoss(embeddings);
    this.crossEntropy =
        new SmoothedCrossEntropyLoss(Math.toIntExact(embeddings.getShape().get(0)), 0f, 1);
    this.lambda = lambda;
  }

  /** {@inheritDoc} */
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    return cosine
        .evaluate(labels, predictions)
        .add(crossEntropy.evaluate(labels, predictions).mul(lambda));
  }
}
