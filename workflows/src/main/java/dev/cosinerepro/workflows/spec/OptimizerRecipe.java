package dev.cosinerepro.workflows.spec;

import static dev.cosinerepro.workflows.spec.RecipeFields.atLeast;
import static dev.cosinerepro.workflows.spec.RecipeFields.fraction;
import static dev.cosinerepro.workflows.spec.RecipeFields.nonNegative;
import static dev.cosinerepro.workflows.spec.RecipeFields.oneOf;
import static dev.cosinerepro.workflows.spec.RecipeFields.positive;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * SGD with momentum, by default in the Keras form the authors used: {@code v = m v + lr (g + wd w);
 * w -= v}, after clipping the gradients by their global norm.
 *
 * @param batchSize training batch size (required)
 * @param minLearningRate the learning rate SGDR anneals to; default 1e-6
 * @param momentum default 0.9
 * @param weightDecay {@code wd} above (twice a Keras L2 factor); default 0
 * @param weightDecayScope which parameters decay: {@value #KERNELS} (default: convolution and dense
 *     kernels, as Keras regularisers) or {@code all} (every parameter, as PyTorch's SGD)
 * @param clipNorm the largest global gradient norm; default 10
 * @param momentumForm where the learning rate enters the momentum update: {@value #KERAS_FORM}
 *     (default, the authors': {@code v = m v + lr d; w -= v}, so a fall in the rate reaches the
 *     weights only as the velocity decays) or {@value #PYTORCH_FORM} ({@code torch.optim.SGD}:
 *     {@code b = m b + d; w -= lr b}). The default is stored as absent, so templates written before
 *     the field existed keep their ids.
 */
public record OptimizerRecipe(
    Integer batchSize,
    Double minLearningRate,
    Double momentum,
    Double weightDecay,
    String weightDecayScope,
    Double clipNorm,
    @JsonInclude(JsonInclude.Include.NON_NULL) String momentumForm) {

  /** Weight decay on convolution and dense kernels only. */
  public static final String KERNELS = "kernels";

  /** The weight-decay scopes. */
  public static final List<String> SCOPES = List.of(KERNELS, "all");

  /** The authors' minimum learning rate. */
  public static final double PAPER_MIN_LEARNING_RATE = 1e-6;

  /** The authors' momentum. */
  public static final double PAPER_MOMENTUM = 0.9;

  /** The authors' clipping norm. */
  public static final double PAPER_CLIP_NORM = 10;

  /** Keras' momentum form, the authors' and the default. */
  public static final String KERAS_FORM = "keras";

  /** {@code torch.optim.SGD}'s momentum form. */
  public static final String PYTORCH_FORM = "pytorch";

  /** The momentum forms. */
  public static final List<String> MOMENTUM_FORMS = List.of(KERAS_FORM, PYTORCH_FORM);

  /** Validates the fields and fills in the defaults. */
  public OptimizerRecipe {
    if (batchSize == null) {
      throw new IllegalArgumentException(
          "The run spec field 'optimizer.batchSize' is missing: give it a value (the paper: 96"
              + " for the fine-grained datasets, 100 for CIFAR-100).");
    }
    batchSize = atLeast(batchSize, 0, 1, "optimizer.batchSize");
    minLearningRate =
        nonNegative(minLearningRate, PAPER_MIN_LEARNING_RATE, "optimizer.minLearningRate");
    momentum = fraction(momentum, PAPER_MOMENTUM, "optimizer.momentum");
    weightDecay = nonNegative(weightDecay, 0.0, "optimizer.weightDecay");
    weightDecayScope = oneOf(weightDecayScope, KERNELS, SCOPES, "optimizer.weightDecayScope");
    clipNorm = positive(clipNorm, PAPER_CLIP_NORM, "optimizer.clipNorm");
    momentumForm = oneOf(momentumForm, KERAS_FORM, MOMENTUM_FORMS, "optimizer.momentumForm");
    if (KERAS_FORM.equals(momentumForm)) {
      momentumForm = null; // the default is absent from the canonical form
    }
  }

  /** The momentum form this recipe trains with: {@value #KERAS_FORM} where the field is absent. */
  @JsonIgnore
  public String effectiveMomentumForm() {
    return momentumForm == null ? KERAS_FORM : momentumForm;
  }

  /** This recipe with another batch size and minimum rate, every other field kept. */
  public OptimizerRecipe with(int newBatchSize, double newMinLearningRate) {
    return new OptimizerRecipe(
        newBatchSize,
        newMinLearningRate,
        momentum,
        weightDecay,
        weightDecayScope,
        clipNorm,
        momentumForm);
  }

  /** The paper's optimiser for a batch size and weight decay. */
  public static OptimizerRecipe of(int batchSize, double weightDecay) {
    return new OptimizerRecipe(batchSize, null, null, weightDecay, null, null, null);
  }

  boolean isPaperDefault() {
    return momentum == PAPER_MOMENTUM
        && KERNELS.equals(weightDecayScope)
        && clipNorm == PAPER_CLIP_NORM
        && momentumForm == null;
  }
}
