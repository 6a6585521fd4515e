package dev.cosinerepro.workflows.spec;

import static dev.cosinerepro.workflows.spec.RecipeFields.fraction;
import static dev.cosinerepro.workflows.spec.RecipeFields.positive;
import static dev.cosinerepro.workflows.spec.RecipeFields.text;

/**
 * The network and the numbers that shape it.
 *
 * @param architecture network name, e.g. {@code resnet20}, {@code resnet110-wide}, {@code resnet50}
 * @param initialization {@value #GLOROT_UNIFORM} (default, Keras as the authors) or {@code
 *     he-normal} (PyTorch's convention)
 * @param batchNormMomentum the running statistics' momentum in the Keras convention {@code running
 *     = m running + (1 - m) batch}; default {@value #PAPER_BATCH_NORM_MOMENTUM} as the authors
 *     (PyTorch's 0.1 is m = 0.9)
 * @param batchNormEpsilon added to the variance; default {@value #PAPER_BATCH_NORM_EPSILON} (Keras)
 */
public record NetworkRecipe(
    String architecture, String initialization, Double batchNormMomentum, Double batchNormEpsilon) {

  /** The authors' (Keras) initialisation. */
  public static final String GLOROT_UNIFORM = "glorot-uniform";

  /** The authors' (Keras) BatchNorm momentum. */
  public static final double PAPER_BATCH_NORM_MOMENTUM = 0.99;

  /** The authors' (Keras) BatchNorm epsilon. */
  public static final double PAPER_BATCH_NORM_EPSILON = 1e-3;

  /** Validates the fields and fills in the defaults. */
  public NetworkRecipe {
    architecture = text(architecture, "network.architecture");
    initialization = text(initialization, "network.initialization", GLOROT_UNIFORM);
    batchNormMomentum =
        fraction(batchNormMomentum, PAPER_BATCH_NORM_MOMENTUM, "network.batchNormMomentum");
    batchNormEpsilon =
        positive(batchNormEpsilon, PAPER_BATCH_NORM_EPSILON, "network.batchNormEpsilon");
  }

  /** The paper's settings for a network. */
  public static NetworkRecipe of(String architecture) {
    return new NetworkRecipe(architecture, null, null, null);
  }

  boolean isPaperDefault() {
    return GLOROT_UNIFORM.equals(initialization)
        && batchNormMomentum == PAPER_BATCH_NORM_MOMENTUM
        && batchNormEpsilon == PAPER_BATCH_NORM_EPSILON;
  }
}
