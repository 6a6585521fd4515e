package dev.cosinerepro.model;

import dev.cosinerepro.model.loss.ClassEmbeddings;
import dev.cosinerepro.model.nets.BatchNormSettings;
import dev.cosinerepro.model.optim.ConstantSchedule;
import dev.cosinerepro.model.optim.LearningRateSchedule;
import dev.cosinerepro.model.optim.MomentumForm;
import dev.cosinerepro.model.optim.PerStepSgdrSchedule;
import dev.cosinerepro.model.optim.SgdrSchedule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every hyper-parameter of one training run, immutable. Build with {@link #builder()}: {@code setX}
 * for required values, {@code optX} for optional ones with the paper's defaults.
 *
 * <p>{@link #canonicalForm()} is the run's identity: a checkpoint only loads into a trainer whose
 * config has the same canonical form. Values added after the first checkpoints were written
 * (BatchNorm momentum and epsilon, initialisation, weight decay scope, head weight decay) appear in
 * it only when they differ from their defaults, so a default config keeps the identity it had
 * before they existed and older checkpoints still load.
 */
public final class TrainerConfig {

  /** Default minimum rate of an SGDR cycle. */
  public static final double DEFAULT_MIN_LEARNING_RATE = 1e-6;

  /** Default SGD momentum. */
  public static final double DEFAULT_MOMENTUM = 0.9;

  /** Default global-norm clipping limit. */
  public static final double DEFAULT_CLIP_NORM = 10;

  /** Default weight of the cross-entropy term of {@code cosine+xent}. */
  public static final double DEFAULT_LAMBDA = 0.1;

  /** Default label smoothing of {@code xent-ls}. */
  public static final double DEFAULT_LABEL_SMOOTHING = 0.1;

  /**
   * Default weight decay of the softmax head of {@code cosine+xent}: the reference's Keras L2 of
   * 5e-4 on the head's dense kernel, i.e. {@code 2 * 5e-4} in the {@code g + wd w} form;
   * independent of {@link #weightDecay()}.
   */
  public static final double DEFAULT_HEAD_WEIGHT_DECAY = 2 * 5e-4;

  /** Default BatchNorm momentum (Keras): {@code running = m * running + (1 - m) * batch}. */
  public static final double DEFAULT_BATCH_NORM_MOMENTUM = BatchNormSettings.DEFAULT_MOMENTUM;

  /** Default BatchNorm epsilon (Keras). */
  public static final double DEFAULT_BATCH_NORM_EPSILON = BatchNormSettings.DEFAULT_EPSILON;

  /** Default kernel initialisation (Keras). */
  public static final Initialization DEFAULT_INITIALIZATION = Initialization.GLOROT_UNIFORM;

  /** Default set of decayed parameters (Keras regularisers: kernels only). */
  public static final WeightDecayScope DEFAULT_WEIGHT_DECAY_SCOPE = WeightDecayScope.KERNELS;

  /** Default momentum form (Keras, the authors'). */
  public static final MomentumForm DEFAULT_MOMENTUM_FORM = MomentumForm.KERAS;

  /** Default memory format of image batches (row-major NCHW). */
  public static final MemoryFormat DEFAULT_MEMORY_FORMAT = MemoryFormat.CONTIGUOUS;

  private final String architecture;
  private final int numClasses;
  private final int inputChannels;
  private final int inputHeight;
  private final int inputWidth;
  private final Objective objective;
  private final double maxLearningRate;
  private final long seed;
  private final ClassEmbeddings classEmbeddings;
  private final double minLearningRate;
  private final LearningRateSchedule schedule;
  private final double momentum;
  private final double weightDecay;
  private final double clipNorm;
  private final double lambda;
  private final double labelSmoothing;
  private final double headWeightDecay;
  private final WeightDecayScope weightDecayScope;
  private final MomentumForm momentumForm;
  private final MemoryFormat memoryFormat;
  private final BatchNormSettings batchNorm;
  private final Initialization initialization;

  private TrainerConfig(Builder b) {
    this.architecture = b.architecture;
    this.numClasses = b.numClasses;
    this.inputChannels = b.inputChannels;
    this.inputHeight = b.inputHeight;
    this.inputWidth = b.inputWidth;
    this.objective = b.objective;
    this.maxLearningRate = b.maxLearningRate;
    this.seed = b.seed;
    this.classEmbeddings =
        b.classEmbeddings != null ? b.classEmbeddings : ClassEmbeddings.oneHot(b.numClasses);
    this.minLearningRate = b.minLearningRate;
    this.schedule =
        b.constantEpochs > 0 ? new ConstantSchedule(b.maxLearningRate, b.constantEpochs) : sgdr(b);
    this.momentum = b.momentum;
    this.weightDecay = b.weightDecay;
    this.clipNorm = b.clipNorm;
    this.lambda = b.lambda;
    this.labelSmoothing = b.labelSmoothing;
    this.headWeightDecay = b.headWeightDecay;
    this.weightDecayScope = b.weightDecayScope;
    this.momentumForm = b.momentumForm;
    this.memoryFormat = b.memoryFormat;
    this.batchNorm = new BatchNormSettings(b.batchNormMomentum, b.batchNormEpsilon);
    this.initialization = b.initialization;
  }

  /**
   * Starts a builder.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The network name, one of {@link Architectures#names()}.
   *
   * @return the architecture
   */
  public String architecture() {
    return architecture;
  }

  /**
   * The class count {@code C}.
   *
   * @return at least 2
   */
  public int numClasses() {
    return numClasses;
  }

  /**
   * The image channels.
   *
   * @return at least 1
   */
  public int inputChannels() {
    return inputChannels;
  }

  /**
   * The training image height (used to initialise and describe the network).
   *
   * @return in pixels
   */
  public int inputHeight() {
    return inputHeight;
  }

  /**
   * The training image width.
   *
   * @return in pixels
   */
  public int inputWidth() {
    return inputWidth;
  }

  /**
   * The objective.
   *
   * @return the loss and prediction rule
   */
  public Objective objective() {
    return objective;
  }

  /**
   * The learning rate at each SGDR restart, or the constant rate.
   *
   * @return positive
   */
  public double maxLearningRate() {
    return maxLearningRate;
  }

  /**
   * The seed of the parameter initialisation.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * The class embeddings of the cosine objectives (one-hot unless given).
   *
   * @return {@code C} unit-norm rows
   */
  public ClassEmbeddings classEmbeddings() {
    return classEmbeddings;
  }

  /**
   * The rate at the end of each SGDR cycle.
   *
   * @return default 1e-6
   */
  public double minLearningRate() {
    return minLearningRate;
  }

  /**
   * The learning-rate schedule (SGDR unless a constant schedule was chosen).
   *
   * @return the schedule, which also fixes the number of epochs
   */
  public LearningRateSchedule schedule() {
    return schedule;
  }

  private static LearningRateSchedule sgdr(Builder b) {
    SgdrSchedule perEpoch =
        new SgdrSchedule(
            b.maxLearningRate,
            b.minLearningRate,
            b.sgdrCycles,
            b.sgdrBaseCycleEpochs,
            b.sgdrCycleMultiplier);
    return b.perStep ? new PerStepSgdrSchedule(perEpoch) : perEpoch;
  }

  /**
   * The SGD momentum.
   *
   * @return default 0.9
   */
  public double momentum() {
    return momentum;
  }

  /**
   * Weight decay {@code wd} of the backbone's parameters in {@link #weightDecayScope()} (by default
   * its convolution and dense kernels), in {@code g + wd w} form (twice a Keras L2 factor).
   *
   * @return default 0
   */
  public double weightDecay() {
    return weightDecay;
  }

  /**
   * The global-norm clipping limit.
   *
   * @return default 10; {@code <= 0} disables clipping
   */
  public double clipNorm() {
    return clipNorm;
  }

  /**
   * The weight of the cross-entropy term of {@code cosine+xent}.
   *
   * @return default 0.1
   */
  public double lambda() {
    return lambda;
  }

  /**
   * The label smoothing of {@code xent-ls}.
   *
   * @return default 0.1
   */
  public double labelSmoothing() {
    return labelSmoothing;
  }

  /**
   * Weight decay of the softmax head's parameters in {@link #weightDecayScope()} for {@code
   * cosine+xent} (by default its dense kernel), in {@code g + wd w} form; unused by the other
   * objectives.
   *
   * @return default {@code 2 * 5e-4} ({@link #DEFAULT_HEAD_WEIGHT_DECAY})
   */
  public double headWeightDecay() {
    return headWeightDecay;
  }

  /**
   * Which trainable parameters receive weight decay (backbone and head alike).
   *
   * @return default {@link WeightDecayScope#KERNELS}
   */
  public WeightDecayScope weightDecayScope() {
    return weightDecayScope;
  }

  /**
   * Where the learning rate enters the momentum update.
   *
   * @return default {@link MomentumForm#KERAS}
   */
  public MomentumForm momentumForm() {
    return momentumForm;
  }

  /**
   * How image batches are laid out in memory before the network sees them.
   *
   * @return default {@link MemoryFormat#CONTIGUOUS}
   */
  public MemoryFormat memoryFormat() {
    return memoryFormat;
  }

  /**
   * The BatchNorm momentum, Keras convention {@code running = m * running + (1 - m) * batch}.
   *
   * @return default 0.99
   */
  public double batchNormMomentum() {
    return batchNorm.momentum();
  }

  /**
   * The BatchNorm epsilon added to the variance (resnet50's backbone: only the default, which there
   * means DJL's own epsilons; see {@link Architectures}).
   *
   * @return default 1e-3
   */
  public double batchNormEpsilon() {
    return batchNorm.epsilon();
  }

  /**
   * Both BatchNorm values, as the networks take them.
   *
   * @return the settings of every BatchNorm layer
   */
  public BatchNormSettings batchNorm() {
    return batchNorm;
  }

  /**
   * How kernels are initialised.
   *
   * @return default {@link Initialization#GLOROT_UNIFORM}
   */
  public Initialization initialization() {
    return initialization;
  }

  /**
   * The units of the backbone's last dense layer: the embedding dimension for the cosine
   * objectives, else the class count.
   *
   * @return the network output size
   */
  public int outputDimension() {
    return objective.usesEmbeddings() ? classEmbeddings.dimension() : numClasses;
  }

  /**
   * The config as ordered key/value pairs: every value that changes the result of training.
   * Objective-specific values (lambda, label smoothing, embeddings, head weight decay) appear only
   * for the objectives that use them. The later additions {@code weightDecayScope}, {@code
   * momentumForm}, {@code headWeightDecay}, {@code batchNormMomentum}, {@code batchNormEpsilon},
   * {@code initialization} and {@code memoryFormat} appear only when they differ from their
   * defaults, so configs with default values keep the identity (and the checkpoints) they had
   * before these options existed.
   *
   * @return an unmodifiable ordered map
   */
  public Map<String, String> canonicalEntries() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("architecture", architecture);
    entries.put("numClasses", Integer.toString(numClasses));
    entries.put("input", inputChannels + "x" + inputHeight + "x" + inputWidth);
    entries.put("objective", objective.id());
    if (objective.usesEmbeddings()) {
      entries.put(
          "classEmbeddings",
          classEmbeddings.isOneHot()
              ? "one-hot"
              : classEmbeddings.dimension() + "d:" + classEmbeddings.fingerprint());
    }
    if (objective == Objective.COSINE_XENT) {
      entries.put("lambda", Double.toString(lambda));
    }
    if (objective == Objective.XENT_LS) {
      entries.put("labelSmoothing", Double.toString(labelSmoothing));
    }
    entries.put("schedule", schedule.describe());
    entries.put("momentum", Double.toString(momentum));
    entries.put("weightDecay", Double.toString(weightDecay));
    entries.put("clipNorm", Double.toString(clipNorm));
    if (weightDecayScope != DEFAULT_WEIGHT_DECAY_SCOPE) {
      entries.put("weightDecayScope", weightDecayScope.id());
    }
    if (momentumForm != DEFAULT_MOMENTUM_FORM) {
      entries.put("momentumForm", momentumForm.id());
    }
    if (objective.hasSoftmaxHead() && headWeightDecay != DEFAULT_HEAD_WEIGHT_DECAY) {
      entries.put("headWeightDecay", Double.toString(headWeightDecay));
    }
    if (batchNorm.momentum() != DEFAULT_BATCH_NORM_MOMENTUM) {
      entries.put("batchNormMomentum", Double.toString(batchNorm.momentum()));
    }
    if (batchNorm.epsilon() != DEFAULT_BATCH_NORM_EPSILON) {
      entries.put("batchNormEpsilon", Double.toString(batchNorm.epsilon()));
    }
    if (initialization != DEFAULT_INITIALIZATION) {
      entries.put("initialization", initialization.id());
    }
    if (memoryFormat != DEFAULT_MEMORY_FORMAT) {
      entries.put("memoryFormat", memoryFormat.id());
    }
    entries.put("seed", Long.toString(seed));
    return Collections.unmodifiableMap(entries);
  }

  /**
   * The identity of the run: {@link #canonicalEntries()} as {@code key=value} joined by {@code ;}.
   *
   * @return a one-line string
   */
  public String canonicalForm() {
    List<String> parts = new ArrayList<>();
    canonicalEntries().forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(";", parts);
  }

  @Override
  public String toString() {
    return "TrainerConfig[" + canonicalForm() + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TrainerConfig that && canonicalForm().equals(that.canonicalForm());
  }

  @Override
  public int hashCode() {
    return canonicalForm().hashCode();
  }

  /** Collects the values of a {@link TrainerConfig}; {@link #build()} validates them. */
  public static final class Builder {

    private String architecture;
    private Integer numClassesSet;
    private int numClasses;
    private Integer inputChannelsSet;
    private int inputChannels;
    private int inputHeight;
    private int inputWidth;
    private boolean inputHeightSet;
    private boolean inputWidthSet;
    private Objective objective;
    private double maxLearningRate = Double.NaN;
    private boolean seedSet;
    private long seed;
    private ClassEmbeddings classEmbeddings;
    private double minLearningRate = DEFAULT_MIN_LEARNING_RATE;
    private int sgdrCycles = SgdrSchedule.PAPER_CYCLES;
    private int sgdrBaseCycleEpochs = SgdrSchedule.PAPER_BASE_CYCLE_EPOCHS;
    private int sgdrCycleMultiplier = SgdrSchedule.PAPER_CYCLE_MULTIPLIER;
    private int constantEpochs;
    private boolean perStep;
    private double momentum = DEFAULT_MOMENTUM;
    private double weightDecay;
    private double clipNorm = DEFAULT_CLIP_NORM;
    private double lambda = DEFAULT_LAMBDA;
    private double labelSmoothing = DEFAULT_LABEL_SMOOTHING;
    private double headWeightDecay = DEFAULT_HEAD_WEIGHT_DECAY;
    private WeightDecayScope weightDecayScope = DEFAULT_WEIGHT_DECAY_SCOPE;
    private MomentumForm momentumForm = DEFAULT_MOMENTUM_FORM;
    private MemoryFormat memoryFormat = DEFAULT_MEMORY_FORMAT;
    private double batchNormMomentum = DEFAULT_BATCH_NORM_MOMENTUM;
    private double batchNormEpsilon = DEFAULT_BATCH_NORM_EPSILON;
    private Initialization initialization = DEFAULT_INITIALIZATION;

    private Builder() {}

    /**
     * Sets the network (required).
     *
     * @param architecture one of {@link Architectures#names()}
     * @return this builder
     */
    public Builder setArchitecture(String architecture) {
      this.architecture = architecture;
      return this;
    }

    /**
     * Sets the class count (required).
     *
     * @param numClasses at least 2
     * @return this builder
     */
    public Builder setNumClasses(int numClasses) {
      this.numClassesSet = numClasses;
      this.numClasses = numClasses;
      return this;
    }

    /**
     * Sets the image channels (required).
     *
     * @param inputChannels at least 1
     * @return this builder
     */
    public Builder setInputChannels(int inputChannels) {
      this.inputChannelsSet = inputChannels;
      this.inputChannels = inputChannels;
      return this;
    }

    /**
     * Sets the image height (required).
     *
     * @param inputHeight at least the architecture's minimum (8, or 32 for resnet50)
     * @return this builder
     */
    public Builder setInputHeight(int inputHeight) {
      this.inputHeight = inputHeight;
      this.inputHeightSet = true;
      return this;
    }

    /**
     * Sets the image width (required).
     *
     * @param inputWidth at least the architecture's minimum (8, or 32 for resnet50)
     * @return this builder
     */
    public Builder setInputWidth(int inputWidth) {
      this.inputWidth = inputWidth;
      this.inputWidthSet = true;
      return this;
    }

    /**
     * Sets the objective (required).
     *
     * @param objective the objective
     * @return this builder
     */
    public Builder setObjective(Objective objective) {
      this.objective = objective;
      return this;
    }

    /**
     * Sets the objective by name (required).
     *
     * @param objective one of {@link Objective#ids()}
     * @return this builder
     * @throws IllegalArgumentException for an unknown name
     */
    public Builder setObjective(String objective) {
      this.objective = Objective.fromId(objective);
      return this;
    }

    /**
     * Sets the maximum (SGDR) or constant learning rate (required).
     *
     * @param maxLearningRate positive
     * @return this builder
     */
    public Builder setMaxLearningRate(double maxLearningRate) {
      this.maxLearningRate = maxLearningRate;
      return this;
    }

    /**
     * Sets the initialisation seed (required).
     *
     * @param seed any value
     * @return this builder
     */
    public Builder setSeed(long seed) {
      this.seed = seed;
      this.seedSet = true;
      return this;
    }

    /**
     * Sets class embeddings for the cosine objectives (default one-hot).
     *
     * @param rows {@code float[C][d]}, rows of unit norm
     * @return this builder
     */
    public Builder optClassEmbeddings(float[][] rows) {
      this.classEmbeddings = ClassEmbeddings.of(rows);
      return this;
    }

    /**
     * Sets the rate at the end of each SGDR cycle (default 1e-6).
     *
     * @param minLearningRate in {@code [0, maxLearningRate]}
     * @return this builder
     */
    public Builder optMinLearningRate(double minLearningRate) {
      this.minLearningRate = minLearningRate;
      return this;
    }

    /**
     * Chooses SGDR with cycles doubling in length (the default: 5 cycles, 12 base epochs).
     *
     * @param cycles at least 1
     * @param baseCycleEpochs at least 1
     * @return this builder
     */
    public Builder optSgdrSchedule(int cycles, int baseCycleEpochs) {
      return optSgdrSchedule(cycles, baseCycleEpochs, SgdrSchedule.PAPER_CYCLE_MULTIPLIER);
    }

    /**
     * Chooses SGDR with a given cycle growth.
     *
     * @param cycles at least 1
     * @param baseCycleEpochs at least 1
     * @param cycleMultiplier at least 1
     * @return this builder
     */
    public Builder optSgdrSchedule(int cycles, int baseCycleEpochs, int cycleMultiplier) {
      this.sgdrCycles = cycles;
      this.sgdrBaseCycleEpochs = baseCycleEpochs;
      this.sgdrCycleMultiplier = cycleMultiplier;
      this.constantEpochs = 0;
      return this;
    }

    /**
     * Anneals the SGDR rate after every step instead of once per epoch (see {@link
     * dev.cosinerepro.model.optim.PerStepSgdrSchedule}); the authors' per-epoch form is the
     * default.
     *
     * @param enabled whether to anneal per step
     * @return this builder
     */
    public Builder optSgdrPerStep(boolean enabled) {
      this.perStep = enabled;
      return this;
    }

    /**
     * Chooses a constant learning rate ({@code maxLearningRate}) for a number of epochs instead of
     * SGDR.
     *
     * @param epochs at least 1
     * @return this builder
     */
    public Builder optConstantSchedule(int epochs) {
      if (epochs < 1) {
        throw new IllegalArgumentException(
            "A constant schedule needs at least 1 epoch, got " + epochs + ".");
      }
      this.constantEpochs = epochs;
      return this;
    }

    /**
     * Sets the SGD momentum (default 0.9).
     *
     * @param momentum in {@code [0, 1)}
     * @return this builder
     */
    public Builder optMomentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    /**
     * Sets the weight decay of the backbone's parameters in the weight decay scope (by default the
     * convolution and dense kernels) in {@code g + wd w} form (default 0; the paper's CIFAR-100
     * net: 0.0004).
     *
     * @param weightDecay at least 0
     * @return this builder
     */
    public Builder optWeightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    /**
     * Sets the global-norm clipping limit (default 10).
     *
     * @param clipNorm the limit; {@code <= 0} disables clipping
     * @return this builder
     */
    public Builder optClipNorm(double clipNorm) {
      this.clipNorm = clipNorm;
      return this;
    }

    /**
     * Sets the weight of the cross-entropy term of {@code cosine+xent} (default 0.1).
     *
     * @param lambda at least 0
     * @return this builder
     */
    public Builder optLambda(double lambda) {
      this.lambda = lambda;
      return this;
    }

    /**
     * Sets the label smoothing of {@code xent-ls} (default 0.1).
     *
     * @param labelSmoothing in {@code [0, 1)}
     * @return this builder
     */
    public Builder optLabelSmoothing(double labelSmoothing) {
      this.labelSmoothing = labelSmoothing;
      return this;
    }

    /**
     * Sets the weight decay of the softmax head of {@code cosine+xent} in {@code g + wd w} form
     * (default {@code 2 * 5e-4}, the reference's Keras L2 of 5e-4 on the head's dense kernel);
     * ignored by the other objectives.
     *
     * @param headWeightDecay at least 0
     * @return this builder
     */
    public Builder optHeadWeightDecay(double headWeightDecay) {
      this.headWeightDecay = headWeightDecay;
      return this;
    }

    /**
     * Sets which trainable parameters receive weight decay, in the backbone and the head (default
     * {@code kernels}).
     *
     * @param scope the scope
     * @return this builder
     */
    public Builder optWeightDecayScope(WeightDecayScope scope) {
      this.weightDecayScope = scope;
      return this;
    }

    /**
     * Sets which trainable parameters receive weight decay by name (default {@code kernels}).
     *
     * @param scope one of {@link WeightDecayScope#names()}
     * @return this builder
     * @throws IllegalArgumentException for an unknown name
     */
    public Builder optWeightDecayScope(String scope) {
      this.weightDecayScope = WeightDecayScope.fromId(scope);
      return this;
    }

    /**
     * Sets where the learning rate enters the momentum update (default {@code keras}).
     *
     * @param form the form
     * @return this builder
     */
    public Builder optMomentumForm(MomentumForm form) {
      this.momentumForm = form;
      return this;
    }

    /**
     * Sets how image batches are laid out in memory (default {@code contiguous}).
     *
     * @param format the format
     * @return this builder
     */
    public Builder optMemoryFormat(MemoryFormat format) {
      this.memoryFormat = format;
      return this;
    }

    /**
     * Sets the momentum of every BatchNorm layer, Keras convention {@code running = m * running +
     * (1 - m) * batch} (default 0.99; PyTorch's {@code momentum=0.1} is {@code m = 0.9}).
     *
     * @param batchNormMomentum in {@code [0, 1)}
     * @return this builder
     */
    public Builder optBatchNormMomentum(double batchNormMomentum) {
      this.batchNormMomentum = batchNormMomentum;
      return this;
    }

    /**
     * Sets the epsilon of every BatchNorm layer (default 1e-3; PyTorch's is 1e-5). resnet50 accepts
     * only the default: DJL's ResNetV1 fixes its own epsilons.
     *
     * @param batchNormEpsilon positive
     * @return this builder
     */
    public Builder optBatchNormEpsilon(double batchNormEpsilon) {
      this.batchNormEpsilon = batchNormEpsilon;
      return this;
    }

    /**
     * Sets the kernel initialisation (default {@code glorot-uniform}).
     *
     * @param initialization the initialisation
     * @return this builder
     */
    public Builder optInitialization(Initialization initialization) {
      this.initialization = initialization;
      return this;
    }

    /**
     * Sets the kernel initialisation by name (default {@code glorot-uniform}).
     *
     * @param initialization one of {@link Initialization#names()}
     * @return this builder
     * @throws IllegalArgumentException for an unknown name
     */
    public Builder optInitialization(String initialization) {
      this.initialization = Initialization.fromId(initialization);
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the config
     * @throws IllegalArgumentException naming the first missing or invalid field
     */
    public TrainerConfig build() {
      requireSet(architecture != null, "architecture");
      requireSet(numClassesSet != null, "numClasses");
      requireSet(inputChannelsSet != null, "inputChannels");
      requireSet(inputHeightSet, "inputHeight");
      requireSet(inputWidthSet, "inputWidth");
      requireSet(objective != null, "objective");
      requireSet(!Double.isNaN(maxLearningRate), "maxLearningRate");
      requireSet(seedSet, "seed");
      Architectures.requireKnown(architecture);
      if (numClasses < 2) {
        throw new IllegalArgumentException(
            "numClasses must be at least 2, got " + numClasses + ".");
      }
      if (inputChannels < 1) {
        throw new IllegalArgumentException(
            "inputChannels must be at least 1, got " + inputChannels + ".");
      }
      int minSide = Architectures.minimumInputSide(architecture);
      if (inputHeight < minSide || inputWidth < minSide) {
        throw new IllegalArgumentException(
            "inputHeight and inputWidth must be at least "
                + minSide
                + " for "
                + architecture
                + ", got "
                + inputHeight
                + "x"
                + inputWidth
                + ".");
      }
      if (classEmbeddings != null) {
        if (!objective.usesEmbeddings()) {
          throw new IllegalArgumentException(
              "classEmbeddings are used only by the cosine objectives; drop them for "
                  + objective.id()
                  + ".");
        }
        if (classEmbeddings.numClasses() != numClasses) {
          throw new IllegalArgumentException(
              "classEmbeddings has "
                  + classEmbeddings.numClasses()
                  + " rows but numClasses is "
                  + numClasses
                  + "; give one row per class.");
        }
      }
      if (!(momentum >= 0 && momentum < 1)) {
        throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum + ".");
      }
      requireFiniteAtLeastZero(weightDecay, "weightDecay");
      requireFiniteAtLeastZero(lambda, "lambda");
      requireFiniteAtLeastZero(headWeightDecay, "headWeightDecay");
      if (momentumForm == null) {
        throw new IllegalArgumentException(
            "momentumForm must not be null; valid names are " + MomentumForm.names() + ".");
      }
      if (memoryFormat == null) {
        throw new IllegalArgumentException(
            "memoryFormat must not be null; valid names are " + MemoryFormat.names() + ".");
      }
      if (weightDecayScope == null) {
        throw new IllegalArgumentException(
            "weightDecayScope must not be null; valid names are " + WeightDecayScope.names() + ".");
      }
      if (initialization == null) {
        throw new IllegalArgumentException(
            "initialization must not be null; valid names are " + Initialization.names() + ".");
      }
      if (!(batchNormMomentum >= 0 && batchNormMomentum < 1)) {
        throw new IllegalArgumentException(
            "batchNormMomentum must be in [0, 1), got " + batchNormMomentum + ".");
      }
      if (!(batchNormEpsilon > 0) || Double.isInfinite(batchNormEpsilon)) {
        throw new IllegalArgumentException(
            "batchNormEpsilon must be positive and finite, got " + batchNormEpsilon + ".");
      }
      Architectures.requireSupported(
          architecture, new BatchNormSettings(batchNormMomentum, batchNormEpsilon));
      if (Double.isNaN(clipNorm) || Double.isInfinite(clipNorm)) {
        throw new IllegalArgumentException(
            "clipNorm must be finite (<= 0 disables clipping), got " + clipNorm + ".");
      }
      if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
        throw new IllegalArgumentException(
            "labelSmoothing must be in [0, 1), got " + labelSmoothing + ".");
      }
      // The schedule records validate the rates and cycle values.
      return new TrainerConfig(this);
    }

    private static void requireSet(boolean set, String field) {
      if (!set) {
        throw new IllegalArgumentException(
            "TrainerConfig is missing the required field '"
                + field
                + "'; call set"
                + capital(field)
                + "(..) before build().");
      }
    }

    private static void requireFiniteAtLeastZero(double value, String field) {
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(
            field + " must be finite and at least 0, got " + value + ".");
      }
    }

    private static String capital(String field) {
      return Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }
  }
}
