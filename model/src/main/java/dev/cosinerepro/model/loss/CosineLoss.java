package dev.cosinerepro.model.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The cosine loss of Barz & Denzler: {@code L = 1 - <f(x) / ||f(x)||, phi(y)>}, averaged over the
 * batch, where {@code phi(y)} is the unit-norm embedding of the true class.
 *
 * <p>With one-hot embeddings it is {@code 1 - f_y(x) / ||f(x)||}. As in the reference ({@code
 * K.l2_normalize}) the norm is {@code sqrt(max(sum f^2, 1e-12))}.
 *
 * <p>Labels: class ids {@code (N)}; predictions: the network output {@code f}, {@code (N, d)}, as
 * the first array of the list.
 */
public final class CosineLoss extends Loss {

  /** The floor of {@code ||f||^2} in the normalisation, as in Keras. */
  public static final float NORM_FLOOR = 1e-12f;

  private final NDArray embeddings;

  /**
   * Creates the loss.
   *
   * @param embeddings the class embeddings {@code (C, d)}, unit-norm rows; kept, not copied
   */
  public CosineLoss(NDArray embeddings) {
    super("CosineLoss");
    this.embeddings = embeddings;
  }

  /** {@inheritDoc} */
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray normalised = l2Normalise(predictions.get(0));
    NDArray targets = targets(labels.singletonOrThrow());
    return normalised.mul(targets).sum(new int[] {1}).neg().add(1).mean();
  }

  /**
   * Cosine similarity of each output to each class: {@code (f / ||f||) E^T}.
   *
   * @param outputs network outputs {@code (N, d)}
   * @return {@code (N, C)} similarities; the prediction is their argmax
   */
  public NDArray classSimilarities(NDArray outputs) {
    return l2Normalise(outputs).matMul(embeddings.transpose());
  }

  /**
   * {@code f / sqrt(max(sum f^2, 1e-12))} along the last axis.
   *
   * @param f a {@code (N, d)} array
   * @return the row-normalised array
   */
  public static NDArray l2Normalise(NDArray f) {
    NDArray norm = f.square().sum(new int[] {1}, true).maximum(NORM_FLOOR).sqrt();
    return f.div(norm);
  }

  private NDArray targets(NDArray labels) {
    int numClasses = Math.toIntExact(embeddings.getShape().get(0));
    return Labels.toDistribution(labels, numClasses, 1f, 0f).matMul(embeddings);
  }
}
