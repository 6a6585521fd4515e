package dev.cosinerepro.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LearningSanityTest {

  @ParameterizedTest
  @ValueSource(strings = {"xent", "xent-ls", "cosine", "cosine+xent"})
  void resnet8LearnsFourPatterns(String objective) {
    SyntheticBatches train = SyntheticBatches.patterns(64, 8, 1);
    SyntheticBatches test = SyntheticBatches.patterns(64, 8, 2);
    TrainerConfig config =
        TrainerConfig.builder()
            .setArchitecture("resnet8")
            .setNumClasses(4)
            .setInputChannels(1)
            .setInputHeight(8)
            .setInputWidth(8)
            .setObjective(objective)
            .setMaxLearningRate(0.1)
            .setSeed(7)
            .optConstantSchedule(6)
            .build();
    try (ModelTrainer trainer = ModelTrainer.create(config)) {
      long t0 = System.nanoTime();
      for (int e = 0; e < 6; e++) {
        EpochStats stats = trainer.trainEpoch(train.batches(trainer.manager(), 16), null);
        System.out.println(objective + " " + stats);
      }
      EvalStats eval = trainer.evaluate(test.batches(trainer.manager(), 32));
      System.out.println(objective + " " + eval + " " + (System.nanoTime() - t0) / 1e9);
      assertThat(eval.accuracy()).isGreaterThanOrEqualTo(0.9);
    }
  }
}
