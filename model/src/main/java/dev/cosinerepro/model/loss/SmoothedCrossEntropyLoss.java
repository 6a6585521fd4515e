package dev.cosinerepro.model.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy with optional label smoothing, averaged over the batch:
 *
 * <pre>L = - sum_c q_c log softmax(z)_c,  q_y = 1 - eps,  q_c = eps / (C - 1) for c != y.</pre>
 *
 * <p>The smoothing mass goes to the {@code C - 1} other classes only, as in the paper's code (not
 * the {@code eps / C} to every class of some frameworks). {@code eps = 0} is plain cross-entropy.
 *
 * <p>Labels: class ids {@code (N)}; predictions: logits {@code (N, C)} at {@link #logitsIndex()} of
 * the list.
 */
public final class SmoothedCrossEntropyLoss extends Loss {

  private final int numClasses;
  private final float epsilon;
  private final int logitsIndex;

  /**
   * Creates the loss reading the logits from the first array of the predictions.
   *
   * @param numClasses {@code C}, at least 2 when {@code epsilon > 0}
   * @param epsilon the smoothing mass in {@code [0, 1)}
   */
  public SmoothedCrossEntropyLoss(int numClasses, float epsilon) {
    this(numClasses, epsilon, 0);
  }

  /**
   * Creates the loss.
   *
   * @param numClasses {@code C}, at least 2 when {@code epsilon > 0}
   * @param epsilon the smoothing mass in {@code [0, 1)}
   * @param logitsIndex which array of the predictions holds the logits
   */
  public SmoothedCrossEntropyLoss(int numClasses, float epsilon, int logitsIndex) {
    super(epsilon == 0 ? "SoftmaxCrossEntropy" : "LabelSmoothingCrossEntropy");
    if (!(epsilon >= 0 && epsilon < 1)) {
      throw new IllegalArgumentException("labelSmoothing must be in [0, 1), got " + epsilon + ".");
    }
    if (numClasses < 1 || (epsilon > 0 && numClasses < 2)) {
      throw new IllegalArgumentException(
          "Cross-entropy needs at least 1 class (2 with label smoothing), got " + numClasses + ".");
    }
    this.numClasses = numClasses;
    this.epsilon = epsilon;
    this.logitsIndex = logitsIndex;
  }

  /**
   * Which array of the predictions holds the logits.
   *
   * @return the index into the prediction list
   */
  public int logitsIndex() {
    return logitsIndex;
  }

  /** {@inheritDoc} */
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray logProbabilities = predictions.get(logitsIndex).logSoftmax(1);
    float off = numClasses > 1 ? epsilon / (numClasses - 1) : 0f;
    NDArray targets =
        Labels.toDistribution(labels.singletonOrThrow(), numClasses, 1 - epsilon, off);
    return logProbabilities.mul(targets).sum(new int[] {1}).neg().mean();
  }
}
