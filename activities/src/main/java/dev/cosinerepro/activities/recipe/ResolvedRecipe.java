package dev.cosinerepro.activities.recipe;

import dev.cosinerepro.datasets.catalog.DatasetFacts;
import dev.cosinerepro.datasets.transform.Augmentation;
import dev.cosinerepro.datasets.transform.CropPipeline;
import dev.cosinerepro.model.Initialization;
import dev.cosinerepro.model.MemoryFormat;
import dev.cosinerepro.model.Objective;
import dev.cosinerepro.model.TrainerConfig;
import dev.cosinerepro.model.WeightDecayScope;
import dev.cosinerepro.model.optim.MomentumForm;
import dev.cosinerepro.workflows.spec.NetworkRecipe;
import dev.cosinerepro.workflows.spec.ObjectiveRecipe;
import dev.cosinerepro.workflows.spec.OptimizerRecipe;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.RunTemplate;
import dev.cosinerepro.workflows.spec.ScheduleRecipe;
import java.util.Optional;

/**
 * A recipe turned into the project's typed parts, each name checked: the dataset and its kind, the
 * network's initialisation, the objective, the image pipeline. Built only by {@link
 * RecipeResolver}; everything that trains, prepares, checks, sizes or reports a run asks this.
 *
 * @param template the recipe
 * @param facts what is known of the dataset before reading it; empty for a user's folder
 * @param inMemory whether the dataset is held in memory (small images) rather than an image cache
 * @param objective the loss
 * @param initialization the network's initialisation
 * @param weightDecayScope which parameters decay
 * @param momentumForm where the learning rate enters the momentum update
 * @param memoryFormat how image batches are laid out in memory
 */
public record ResolvedRecipe(
    RunTemplate template,
    Optional<DatasetFacts> facts,
    boolean inMemory,
    Objective objective,
    Initialization initialization,
    WeightDecayScope weightDecayScope,
    MomentumForm momentumForm,
    MemoryFormat memoryFormat) {

  /** Whether the run compares with class embeddings other than one-hot. */
  public boolean semanticEmbedding() {
    return !template.objective().oneHot();
  }

  /** The augmentation of an in-memory dataset, with the recipe's shift fraction and fill. */
  public Augmentation smallImageAugmentation() {
    return ImagePipelines.smallImage(
        template.augmentation(), template.data().shiftFraction(), template.data().shiftFill());
  }

  /**
   * Training batches over which BatchNorm statistics are re-estimated before each evaluation; 0:
   * none, evaluations use the running statistics.
   */
  public int batchNormRecalibration() {
    return template.evaluation().batchNormRecalibration();
  }

  /** The crop pipeline of a file dataset. */
  public CropPipeline cropPipeline() {
    return ImagePipelines.crop(template);
  }

  /**
   * The side of the network input: the crop of a file dataset, else the dataset's own side (0 for a
   * user's folder, whose side is known only once read).
   */
  public int inputSide() {
    return inMemory ? facts.map(DatasetFacts::side).orElse(0) : cropPipeline().crop();
  }

  /**
   * The trainer configuration of a run of this recipe.
   *
   * @param spec the run (its rate and seed)
   * @param classes the dataset's class count
   * @param channels image channels
   * @param height network input height
   * @param width network input width
   * @param embeddings the class-embedding rows, or {@code null} for one-hot
   */
  public TrainerConfig trainerConfig(
      RunSpec spec, int classes, int channels, int height, int width, float[][] embeddings) {
    if (semanticEmbedding() && embeddings == null) {
      throw new IllegalArgumentException(
          "Run "
              + spec.id()
              + " names the embedding '"
              + spec.embedding()
              + "' but none was given.");
    }
    NetworkRecipe network = template.network();
    ObjectiveRecipe loss = template.objective();
    OptimizerRecipe optimizer = template.optimizer();
    ScheduleRecipe schedule = template.schedule();
    TrainerConfig.Builder builder = TrainerConfig.builder();
    if (embeddings != null) {
      builder.optClassEmbeddings(embeddings);
    }
    return builder
        .setArchitecture(network.architecture())
        .setNumClasses(classes)
        .setInputChannels(channels)
        .setInputHeight(height)
        .setInputWidth(width)
        .setObjective(objective)
        .setMaxLearningRate(spec.maxLearningRate())
        .setSeed(spec.seed())
        .optInitialization(initialization)
        .optBatchNormMomentum(network.batchNormMomentum())
        .optBatchNormEpsilon(network.batchNormEpsilon())
        .optLambda(loss.crossEntropyWeight())
        .optHeadWeightDecay(loss.headWeightDecay())
        .optLabelSmoothing(loss.labelSmoothing())
        .optMinLearningRate(optimizer.minLearningRate())
        .optMomentum(optimizer.momentum())
        .optWeightDecay(optimizer.weightDecay())
        .optWeightDecayScope(weightDecayScope)
        .optMomentumForm(momentumForm)
        .optMemoryFormat(memoryFormat)
        .optClipNorm(optimizer.clipNorm())
        .optSgdrSchedule(schedule.cycles(), schedule.baseEpochs(), schedule.multiplier())
        .optSgdrPerStep(schedule.perStep())
        .build();
  }
}
