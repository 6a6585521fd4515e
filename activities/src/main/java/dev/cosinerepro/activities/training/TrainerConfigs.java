package dev.cosinerepro.activities.training;

import dev.cosinerepro.model.TrainerConfig;
import dev.cosinerepro.workflows.spec.PreparedData;
import dev.cosinerepro.workflows.spec.RunSpec;

/** Maps a run's spec and its data onto the model module's trainer configuration. */
public final class TrainerConfigs {
  private TrainerConfigs() {}

  /**
   * The trainer configuration of a run.
   *
   * @param spec the run
   * @param data its prepared data
   * @param embeddings the class-embedding rows, or {@code null} for one-hot
   * @param height the network's input height
   * @param width the network's input width
   */
  public static TrainerConfig forRun(
      RunSpec spec, PreparedData data, float[][] embeddings, int height, int width) {
    if (!"onehot".equals(spec.embedding()) && embeddings == null) {
      throw new IllegalArgumentException(
          "Run "
              + spec.id()
              + " names the embedding '"
              + spec.embedding()
              + "' but none was given.");
    }
    TrainerConfig.Builder builder = TrainerConfig.builder();
    if (embeddings != null) {
      builder.optClassEmbeddings(embeddings);
    }
    return builder
        .setArchitecture(spec.architecture())
        .setNumClasses(data.numClasses())
        .setInputChannels(data.channels())
        .setInputHeight(height)
        .setInputWidth(width)
        .setObjective(spec.objective())
        .setMaxLearningRate(spec.maxLearningRate())
        .setSeed(spec.seed())
        .optMinLearningRate(spec.minLearningRate())
        .optSgdrSchedule(spec.sgdrCycles(), spec.sgdrBaseEpochs())
        .optWeightDecay(spec.weightDecay())
        .build();
  }
}
