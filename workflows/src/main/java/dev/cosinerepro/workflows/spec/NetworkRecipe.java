package dev.cosinerepro.workflows.spec;

import static dev.cosinerepro.workflows.spec.RecipeFields.fraction;
import static dev.cosinerepro.workflows.spec.RecipeFields.oneOf;
import static dev.cosinerepro.workflows.spec.RecipeFields.positive;
import static dev.cosinerepro.workflows.spec.RecipeFields.text;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

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
 * @param memoryFormat how image batches are laid out in memory: {@value #CONTIGUOUS} (default,
 *     row-major NCHW) or {@value #CHANNELS_LAST} (NHWC order, which makes libtorch's convolutions
 *     run channels-last: faster on a CPU, see docs/benchmarks.md). Not a protocol setting, but part
 *     of a run's identity: the kernels add in another order, so the numbers differ in the last bits
 *     and a training run ends elsewhere. The default is stored as absent, so templates written
 *     before the field existed keep their ids.
 */
public record NetworkRecipe(
    String architecture,
    String initialization,
    Double batchNormMomentum,
    Double batchNormEpsilon,
    @JsonInclude(JsonInclude.Include.NON_NULL) String memoryFormat) {

  /** The authors' (Keras) initialisation. */
  public static final String GLOROT_UNIFORM = "glorot-uniform";

  /** The authors' (Keras) BatchNorm momentum. */
  public static final double PAPER_BATCH_NORM_MOMENTUM = 0.99;

  /** The authors' (Keras) BatchNorm epsilon. */
  public static final double PAPER_BATCH_NORM_EPSILON = 1e-3;

  /** Row-major NCHW batches: the default. */
  public static final String CONTIGUOUS = "contiguous";

  /** NHWC-ordered batches. */
  public static final String CHANNELS_LAST = "channels-last";

  /** The memory formats. */
  public static final List<String> MEMORY_FORMATS = List.of(CONTIGUOUS, CHANNELS_LAST);

  /** Validates the fields and fills in the defaults. */
  public NetworkRecipe {
    architecture = text(architecture, "network.architecture");
    initialization = text(initialization, "network.initialization", GLOROT_UNIFORM);
    batchNormMomentum =
        fraction(batchNormMomentum, PAPER_BATCH_NORM_MOMENTUM, "network.batchNormMomentum");
    batchNormEpsilon =
        positive(batchNormEpsilon, PAPER_BATCH_NORM_EPSILON, "network.batchNormEpsilon");
    memoryFormat = oneOf(memoryFormat, CONTIGUOUS, MEMORY_FORMATS, "network.memoryFormat");
    if (CONTIGUOUS.equals(memoryFormat)) {
      memoryFormat = null; // the default is absent from the canonical form
    }
  }

  /** The paper's settings for a network. */
  public static NetworkRecipe of(String architecture) {
    return new NetworkRecipe(architecture, null, null, null, null);
  }

  /** The memory format this recipe trains with: {@value #CONTIGUOUS} where the field is absent. */
  @JsonIgnore
  public String effectiveMemoryFormat() {
    return memoryFormat == null ? CONTIGUOUS : memoryFormat;
  }

  /** This recipe with another architecture, every other field kept. */
  public NetworkRecipe withArchitecture(String other) {
    return new NetworkRecipe(
        other, initialization, batchNormMomentum, batchNormEpsilon, memoryFormat);
  }

  boolean isPaperDefault() {
    return GLOROT_UNIFORM.equals(initialization)
        && batchNormMomentum == PAPER_BATCH_NORM_MOMENTUM
        && batchNormEpsilon == PAPER_BATCH_NORM_EPSILON
        && memoryFormat == null;
  }
}
