package dev.cosinerepro.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * Everything about a run except its maximum learning rate and seed: a group template, which a group
 * turns into one {@link RunSpec} per rate and seed. Every number that changes a result is a field
 * here, with the paper's value as its default, so a plan can state any protocol exactly.
 *
 * <p>{@code recipeVersion} says how the fields are read: {@value #LEGACY_RECIPE} is the flat form
 * of earlier releases (kept so that stored runs and running workflows keep their ids), {@value
 * #CURRENT_RECIPE} the sectioned form.
 *
 * @param recipeVersion the recipe version; default {@value #CURRENT_RECIPE}
 * @param data dataset, subset and image preparation
 * @param network the network and its BatchNorm and initialisation
 * @param objective the loss and class embedding
 * @param optimizer SGD's batch size, momentum, weight decay and clipping
 * @param schedule the SGDR schedule; default the paper's
 * @param evaluation when the test split is evaluated; default every epoch
 */
@JsonDeserialize(using = RecipeJson.TemplateReader.class)
public record RunTemplate(
    Integer recipeVersion,
    DataRecipe data,
    NetworkRecipe network,
    ObjectiveRecipe objective,
    OptimizerRecipe optimizer,
    ScheduleRecipe schedule,
    EvaluationRecipe evaluation)
    implements Recipe {

  /** The flat form of earlier releases. */
  public static final int LEGACY_RECIPE = 1;

  /** The version new templates get. */
  public static final int CURRENT_RECIPE = 2;

  /** Validates the sections and fills in the defaults. */
  public RunTemplate {
    recipeVersion = recipeVersion == null ? CURRENT_RECIPE : recipeVersion;
    if (recipeVersion < LEGACY_RECIPE || recipeVersion > CURRENT_RECIPE) {
      throw RecipeFields.invalid(
          "recipeVersion", recipeVersion, LEGACY_RECIPE + " or " + CURRENT_RECIPE);
    }
    require(data, "data", "{dataset: ..., samplesPerClass: ...}");
    require(network, "network", "{architecture: ...}");
    require(objective, "objective", "{loss: ...}");
    require(optimizer, "optimizer", "{batchSize: ...}");
    schedule = schedule == null ? ScheduleRecipe.PAPER : schedule;
    evaluation = evaluation == null ? EvaluationRecipe.EVERY_EPOCH : evaluation;
    if (recipeVersion == LEGACY_RECIPE) {
      if (DataRecipe.PER_REPEAT.equals(data.repeatShuffle())) {
        throw new IllegalArgumentException(
            "Recipe version 1 shuffles the repeats of a subset together: use recipeVersion "
                + CURRENT_RECIPE
                + " for data.repeatShuffle per-repeat.");
      }
      // Absent in recipe 1, so that its templates keep their canonical form and ids.
      data = data.withRepeatShuffle(null);
      requireLegacyFixed(data, network, objective, optimizer, schedule, evaluation);
    } else {
      if (data.augmentation().matches("crop-flip-erase-\\d+-\\d+")) {
        throw new IllegalArgumentException(
            "The run spec field 'data.augmentation' is '"
                + data.augmentation()
                + "': write augmentation crop-flip-erase with data.imageSide and data.inputSide.");
      }
      if (data.repeatShuffle() == null) {
        data = data.withRepeatShuffle(DataRecipe.PER_REPEAT);
      }
    }
  }

  /** Starts a template of the current recipe. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  @JsonIgnore
  public RunTemplate template() {
    return this;
  }

  /**
   * The run of this template at a maximum learning rate and seed. The seed also draws the subset
   * unless {@link DataRecipe#subsetSeed()} fixes it.
   *
   * @throws IllegalArgumentException when the rate is below the schedule's minimum
   */
  public RunSpec run(double maxLearningRate, long seed) {
    RunTemplate forSeed = withData(data.forSeed(seed));
    if (recipeVersion == LEGACY_RECIPE && optimizer.minLearningRate() > maxLearningRate) {
      // Earlier releases lowered the minimum to the rate; kept so legacy runs keep their ids.
      forSeed = forSeed.withOptimizer(optimizerWithMinimum(maxLearningRate));
    }
    return new RunSpec(forSeed, maxLearningRate, seed);
  }

  /** This template with other data. */
  public RunTemplate withData(DataRecipe other) {
    return new RunTemplate(
        recipeVersion, other, network, objective, optimizer, schedule, evaluation);
  }

  /** This template with another objective. */
  public RunTemplate withObjective(ObjectiveRecipe other) {
    return new RunTemplate(recipeVersion, data, network, other, optimizer, schedule, evaluation);
  }

  /** This template with another optimiser. */
  public RunTemplate withOptimizer(OptimizerRecipe other) {
    return new RunTemplate(recipeVersion, data, network, objective, other, schedule, evaluation);
  }

  /** This template with another class embedding. */
  public RunTemplate withEmbedding(String classEmbedding) {
    return withObjective(objective.withEmbedding(classEmbedding));
  }

  /** The canonical JSON form of the template (sorted keys, no whitespace). */
  @JsonIgnore
  public String canonical() {
    return RecipeJson.canonical(this);
  }

  /** A hash of {@link #canonical()}. */
  @JsonIgnore
  public String id() {
    return CanonicalHash.of(canonical());
  }

  private OptimizerRecipe optimizerWithMinimum(double minimum) {
    return optimizer.with(optimizer.batchSize(), minimum);
  }

  private static void require(Object section, String name, String example) {
    if (section == null) {
      throw new IllegalArgumentException(
          "The run spec section '" + name + "' is missing: add " + name + ": " + example + ".");
    }
  }

  private static void requireLegacyFixed(
      DataRecipe data,
      NetworkRecipe network,
      ObjectiveRecipe objective,
      OptimizerRecipe optimizer,
      ScheduleRecipe schedule,
      EvaluationRecipe evaluation) {
    boolean fixed =
        data.imageSide() == 0
            && data.inputSide() == 0
            && data.shiftFraction() == DataRecipe.PAPER_SHIFT_FRACTION
            && DataRecipe.PAPER_SHIFT_FILL.equals(data.shiftFill())
            && evaluation.batchNormRecalibration() == 0
            && network.isPaperDefault()
            && objective.isPaperDefault()
            && optimizer.isPaperDefault()
            && schedule.isPaperDefault();
    if (!fixed) {
      throw new IllegalArgumentException(
          "Recipe version 1 fixes the image shifts, network, objective, optimizer, schedule and"
              + " evaluation settings at the paper's values: use recipeVersion "
              + CURRENT_RECIPE
              + " to change them.");
    }
  }

  /**
   * Builds a template field by field; the required fields are the dataset, network, loss and batch
   * size, every other one has the paper's value unless set.
   */
  public static final class Builder {
    private int recipeVersion = CURRENT_RECIPE;
    private String dataset;
    private Integer samplesPerClass;
    private Long subsetSeed;
    private Integer subsetRepeats;
    private String augmentation;
    private Integer imageSide;
    private Integer inputSide;
    private Double shiftFraction;
    private String shiftFill;
    private String repeatShuffle;
    private String architecture;
    private String initialization;
    private Double batchNormMomentum;
    private Double batchNormEpsilon;
    private String memoryFormat;
    private String loss;
    private String embedding;
    private Double crossEntropyWeight;
    private Double headWeightDecay;
    private Double labelSmoothing;
    private Integer batchSize;
    private Double minLearningRate;
    private Double momentum;
    private Double weightDecay;
    private String weightDecayScope;
    private Double clipNorm;
    private String momentumForm;
    private ScheduleRecipe schedule = ScheduleRecipe.PAPER;
    private Integer evalEvery;
    private Integer batchNormRecalibration;

    private Builder() {}

    /** Sets the dataset name. */
    public Builder setDataset(String value) {
      dataset = value;
      return this;
    }

    /** Sets the network name. */
    public Builder setArchitecture(String value) {
      architecture = value;
      return this;
    }

    /** Sets the loss name. */
    public Builder setLoss(String value) {
      loss = value;
      return this;
    }

    /** Sets the training batch size. */
    public Builder setBatchSize(int value) {
      batchSize = value;
      return this;
    }

    /** Images per class (default 0: the whole split). */
    public Builder optSamplesPerClass(int value) {
      samplesPerClass = value;
      return this;
    }

    /** A subset seed that every run of the group shares (default: each run's seed). */
    public Builder optSubsetSeed(long value) {
      subsetSeed = value;
      return this;
    }

    /** Repeats of the subset per epoch (default 1). */
    public Builder optSubsetRepeats(int value) {
      subsetRepeats = value;
      return this;
    }

    /** The augmentation policy (default {@code none}). */
    public Builder optAugmentation(String value) {
      augmentation = value;
      return this;
    }

    /** Resize and crop sides of the image pipeline (default 0, 0: images as they are). */
    public Builder optImageSides(int resizeTo, int cropTo) {
      imageSide = resizeTo;
      inputSide = cropTo;
      return this;
    }

    /** The largest shift of {@code flip-shift}, a fraction of the side (default 0.15). */
    public Builder optShiftFraction(double value) {
      shiftFraction = value;
      return this;
    }

    /** The border fill of {@code flip-shift}: nearest (default) or constant. */
    public Builder optShiftFill(String value) {
      shiftFill = value;
      return this;
    }

    /**
     * How the repeats of a subset are shuffled: per-repeat (default in recipe 2, the authors'
     * loader) or joint (recipe 1).
     */
    public Builder optRepeatShuffle(String value) {
      repeatShuffle = value;
      return this;
    }

    /** The initialisation (default glorot-uniform). */
    public Builder optInitialization(String value) {
      initialization = value;
      return this;
    }

    /** BatchNorm momentum (Keras convention) and epsilon (default 0.99, 1e-3). */
    public Builder optBatchNorm(double momentumValue, double epsilon) {
      batchNormMomentum = momentumValue;
      batchNormEpsilon = epsilon;
      return this;
    }

    /** How image batches are laid out in memory (default contiguous). */
    public Builder optMemoryFormat(String value) {
      memoryFormat = value;
      return this;
    }

    /** The class embedding (default onehot). */
    public Builder optEmbedding(String value) {
      embedding = value;
      return this;
    }

    /** Lambda of cosine+xent (default 0.1). */
    public Builder optCrossEntropyWeight(double value) {
      crossEntropyWeight = value;
      return this;
    }

    /** Weight decay of the cosine+xent head (default 0.001). */
    public Builder optHeadWeightDecay(double value) {
      headWeightDecay = value;
      return this;
    }

    /** Label smoothing of xent-ls (default 0.1). */
    public Builder optLabelSmoothing(double value) {
      labelSmoothing = value;
      return this;
    }

    /** The rate SGDR anneals to (default 1e-6). */
    public Builder optMinLearningRate(double value) {
      minLearningRate = value;
      return this;
    }

    /** SGD momentum (default 0.9). */
    public Builder optMomentum(double value) {
      momentum = value;
      return this;
    }

    /** Weight decay (default 0) and its scope (default kernels). */
    public Builder optWeightDecay(double value) {
      weightDecay = value;
      return this;
    }

    /** Which parameters decay: kernels (default) or all. */
    public Builder optWeightDecayScope(String value) {
      weightDecayScope = value;
      return this;
    }

    /** The global gradient-norm limit (default 10). */
    public Builder optClipNorm(double value) {
      clipNorm = value;
      return this;
    }

    /** Where the learning rate enters the momentum update: keras (default) or pytorch. */
    public Builder optMomentumForm(String value) {
      momentumForm = value;
      return this;
    }

    /** The schedule (default the paper's). */
    public Builder optSchedule(ScheduleRecipe value) {
      schedule = value;
      return this;
    }

    /** Evaluate every this many epochs (default 1). */
    public Builder optEvalEvery(int value) {
      evalEvery = value;
      return this;
    }

    /** Training batches of BatchNorm re-estimation before each evaluation (default 0: none). */
    public Builder optBatchNormRecalibration(int value) {
      batchNormRecalibration = value;
      return this;
    }

    /** The recipe version (default the current one). */
    public Builder optRecipeVersion(int value) {
      recipeVersion = value;
      return this;
    }

    /**
     * Builds the template.
     *
     * @throws IllegalArgumentException naming the first missing or invalid field
     */
    public RunTemplate build() {
      return new RunTemplate(
          recipeVersion,
          new DataRecipe(
              dataset,
              samplesPerClass,
              subsetSeed,
              subsetRepeats,
              augmentation,
              imageSide,
              inputSide,
              shiftFraction,
              shiftFill,
              repeatShuffle),
          new NetworkRecipe(
              architecture, initialization, batchNormMomentum, batchNormEpsilon, memoryFormat),
          new ObjectiveRecipe(loss, embedding, crossEntropyWeight, headWeightDecay, labelSmoothing),
          new OptimizerRecipe(
              batchSize,
              minLearningRate,
              momentum,
              weightDecay,
              weightDecayScope,
              clipNorm,
              momentumForm),
          schedule,
          new EvaluationRecipe(evalEvery, batchNormRecalibration));
    }
  }
}
