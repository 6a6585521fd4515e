package dev.cosinerepro.activities.training;

import dev.cosinerepro.model.TrainerConfig;
import dev.cosinerepro.workflows.spec.PreparedData;
import dev.cosinerepro.workflows.spec.RunSpec;

/** Maps a run's spec and its data onto the model module's trainer configuration. */
public final class TrainerConfigs {
  private TrainerConfigs() {}

  /** The trainer configuration of a run. */
  public static TrainerConfig forRun(RunSpec spec, PreparedData data) {
    if (!"onehot".equals(spec.embedding())) {
      throw new IllegalArgumentException(
          "The class embedding '" + spec.embedding() + "' is not available yet: use onehot.");
    }
    return TrainerConfig.builder()
        .setArchitecture(spec.architecture())
        .setNumClasses(data.numClasses())
        .setInputChannels(data.channels())
        .setInputHeight(data.height())
        .setInputWidth(data.width())
        .setObjective(spec.objective())
        .setMaxLearningRate(spec.maxLearningRate())
        .setSeed(spec.seed())
        .optMinLearningRate(spec.minLearningRate())
        .optSgdrSchedule(spec.sgdrCycles(), spec.sgdrBaseEpochs())
        .optWeightDecay(spec.weightDecay())
        .build();
  }
}
