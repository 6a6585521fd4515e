package dev.cosinerepro.model.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.cosinerepro.model.train.GradientsOff;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SGD with momentum, by default in the Keras 2 form the paper's code used, with its state keyed by
 * parameter name so a checkpoint can carry it (DJL's own SGD keeps its buffers private, keyed by
 * random ids).
 *
 * <p>One step over all parameters {@code w_i} with gradients {@code g_i} of the loss:
 *
 * <pre>
 *   d_i = g_i + wd_i w_i                    (L2 regularisation as part of the loss gradient)
 *   n   = sqrt(sum_i ||d_i||^2)             (global norm)
 *   s   = clipNorm / n if n > clipNorm else 1
 *   v_i = momentum v_i + lr s d_i           (v_i starts at 0)         {@link MomentumForm#KERAS}
 *   w_i = w_i - v_i
 *
 *   b_i = momentum b_i + s d_i              (b_i starts at 0)         {@link MomentumForm#PYTORCH}
 *   w_i = w_i - lr b_i
 * </pre>
 *
 * <p>A Keras L2 regulariser {@code l * ||w||^2} has gradient {@code 2 l w}, so {@code wd = 2 l}
 * (the paper's {@code l = 0.0002} is {@code wd = 0.0004}). As in Keras, the decay term is part of
 * the gradient that is clipped.
 *
 * <p>The second form is PyTorch's {@code torch.optim.SGD}. The Keras velocity is {@code v = lr b}
 * as long as the learning rate is constant, so the two agree; when the rate changes (every SGDR
 * step or epoch) PyTorch applies the new rate to the whole accumulated buffer while the Keras form
 * keeps the old rates inside it. The state of either form is its buffer ({@code v_i} or {@code
 * b_i}); a checkpoint's buffers only continue in the form that wrote them.
 */
public final class MomentumSgd {

  /** One parameter to update: its name (the state key), its array and its weight decay. */
  public record Target(String name, NDArray weight, float weightDecay) {}

  /**
   * What a step did.
   *
   * @param gradientNorm the global norm {@code n} before clipping
   * @param scale the clipping factor {@code s}
   * @param applied false when {@code n} was not finite and nothing was changed
   */
  public record StepResult(double gradientNorm, double scale, boolean applied) {}

  private final float momentum;
  private final double clipNorm;
  private final MomentumForm form;
  private final Map<String, NDArray> velocities = new LinkedHashMap<>();

  /**
   * Creates the optimizer in the Keras form with empty state.
   *
   * @param momentum in {@code [0, 1)} (the paper: 0.9)
   * @param clipNorm the global-norm limit; {@code <= 0} disables clipping (the paper: 10)
   */
  public MomentumSgd(float momentum, double clipNorm) {
    this(momentum, clipNorm, MomentumForm.KERAS);
  }

  /**
   * Creates the optimizer with empty state.
   *
   * @param momentum in {@code [0, 1)} (the paper: 0.9)
   * @param clipNorm the global-norm limit; {@code <= 0} disables clipping (the paper: 10)
   * @param form where the learning rate enters (the paper: {@link MomentumForm#KERAS})
   */
  public MomentumSgd(float momentum, double clipNorm, MomentumForm form) {
    if (form == null) {
      throw new IllegalArgumentException(
          "the momentum form must not be null; valid names are " + MomentumForm.names() + ".");
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum + ".");
    }
    if (Double.isNaN(clipNorm)) {
      throw new IllegalArgumentException("clipNorm must be a number (<= 0 disables clipping).");
    }
    this.momentum = momentum;
    this.clipNorm = clipNorm;
    this.form = form;
  }

  /**
   * Updates every target from the gradient attached to its array. Leaves everything unchanged when
   * the global norm is not finite.
   *
   * @param targets the parameters, each with a gradient from the last backward pass
   * @param learningRate {@code lr}
   * @return the norm, the clipping factor and whether the update happened
   */
  public StepResult step(List<Target> targets, double learningRate) {
    NDManager owner = targets.get(0).weight().getManager();
    try (GradientsOff noGrad = GradientsOff.enter();
        NDManager scratch = owner.newSubManager()) {
      // Each scalar factor as one 0-dim tensor for the whole step: what NDArray.mul(Number) makes
      // (and frees) at every call, so the arithmetic is the same with two native calls per
      // parameter and factor fewer.
      Map<Float, NDArray> decays = new HashMap<>();
      NDArray[] directions = new NDArray[targets.size()];
      NDList squareSums = new NDList(targets.size());
      for (int i = 0; i < targets.size(); i++) {
        Target target = targets.get(i);
        NDArray gradient = target.weight().getGradient();
        gradient.attach(scratch);
        NDArray direction = gradient;
        if (target.weightDecay() != 0) {
          NDArray decay =
              target.weight().mul(decays.computeIfAbsent(target.weightDecay(), scratch::create));
          decay.attach(scratch);
          direction = gradient.add(decay);
        }
        directions[i] = direction;
        squareSums.add(direction.square().sum());
      }
      double norm = Math.sqrt(sumInOrder(NDArrays.stack(squareSums).toFloatArray()));
      if (!Double.isFinite(norm)) {
        return new StepResult(norm, Double.NaN, false);
      }
      double scale = GlobalNormClipping.scale(norm, clipNorm);
      NDArray scaleFactor = scale == 1.0 ? null : scratch.create((float) scale);
      NDArray momentumFactor = scratch.create(momentum);
      NDArray rate = scratch.create((float) learningRate);
      for (int i = 0; i < targets.size(); i++) {
        Target target = targets.get(i);
        NDArray direction = scaleFactor == null ? directions[i] : directions[i].mul(scaleFactor);
        NDArray velocity =
            velocities.computeIfAbsent(target.name(), name -> target.weight().zerosLike());
        if (form == MomentumForm.KERAS) {
          velocity.muli(momentumFactor).addi(direction.mul(rate));
          target.weight().subi(velocity);
        } else {
          velocity.muli(momentumFactor).addi(direction);
          NDArray step = velocity.mul(rate);
          step.attach(scratch); // made in the buffer's manager: freed with this step's arrays
          target.weight().subi(step);
        }
      }
      return new StepResult(norm, scale, true);
    }
  }

  /**
   * Adds the per-parameter sums of squares in parameter order in double precision. They reach the
   * host in one copy (one device synchronisation per step instead of one per parameter), and the
   * sum is the same, bit for bit, as adding them one by one as they arrive.
   */
  private static double sumInOrder(float[] squareSums) {
    double squares = 0;
    for (float value : squareSums) {
      squares += value;
    }
    return squares;
  }

  /**
   * The momentum buffers by parameter name; parameters not yet updated have none.
   *
   * @return an unmodifiable view, in first-update order
   */
  public Map<String, NDArray> velocities() {
    return Collections.unmodifiableMap(velocities);
  }

  /**
   * Replaces all momentum buffers (when restoring a checkpoint); the optimizer takes ownership of
   * the arrays and closes the ones it replaces.
   *
   * @param restored buffers by parameter name, each shaped like its parameter
   */
  public void replaceVelocities(Map<String, NDArray> restored) {
    velocities.values().forEach(NDArray::close);
    velocities.clear();
    velocities.putAll(restored);
  }

  /**
   * The momentum factor.
   *
   * @return {@code momentum}
   */
  public float momentum() {
    return momentum;
  }

  /**
   * Where the learning rate enters the update.
   *
   * @return the form
   */
  public MomentumForm form() {
    return form;
  }

  /**
   * The global-norm limit.
   *
   * @return {@code clipNorm}; {@code <= 0} means no clipping
   */
  public double clipNorm() {
    return clipNorm;
  }
}
