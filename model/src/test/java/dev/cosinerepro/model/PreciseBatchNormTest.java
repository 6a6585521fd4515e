package dev.cosinerepro.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelTrainer#evaluateRecalibrated}: BatchNorm statistics re-estimated before evaluation.
 */
class PreciseBatchNormTest {

  private static TrainerConfig config(String objective) {
    return TrainerConfig.builder()
        .setArchitecture("resnet8")
        .setNumClasses(SyntheticBatches.CLASSES)
        .setInputChannels(1)
        .setInputHeight(8)
        .setInputWidth(8)
        .setObjective(objective)
        .setMaxLearningRate(0.1)
        .setSeed(3)
        .optSgdrSchedule(1, 1)
        .build();
  }

  /**
   * Calibrated and evaluated on the same single batch, inference mode must reproduce the
   * training-mode loss of that batch (which {@link ModelTrainer#trainEpoch} reports before its
   * update): the recalibrated statistics are that batch's own. They differ only in the variance,
   * unbiased ({@code n / (n - 1)}) in the running statistic and biased in training mode; with 64
   * images the smallest BatchNorm population is 64 x 2 x 2 = 256 values, a factor of at most 1.004
   * on a variance, hence the tolerance of 1 % on the loss. The untouched initial statistics (mean
   * 0, variance 1) give a loss that misses by far more, so the test decides.
   */
  @Test
  void recalibratedStatisticsAreTheCalibrationBatchStatistics() {
    for (String objective : List.of("xent", "cosine+xent")) {
      SyntheticBatches data = SyntheticBatches.patterns(64, 8, 5);
      try (ModelTrainer trainer = ModelTrainer.create(config(objective))) {
        List<float[]> before = statistics(trainer);
        EvalStats recalibrated =
            trainer.evaluateRecalibrated(
                data.batches(trainer.manager(), 64), data.batches(trainer.manager(), 64));
        EvalStats stale = trainer.evaluate(data.batches(trainer.manager(), 64));
        List<float[]> after = statistics(trainer);
        for (int i = 0; i < before.size(); i++) {
          assertThat(after.get(i))
              .as("running statistic %d is restored", i)
              .isEqualTo(before.get(i));
        }
        double[] trainingLoss = new double[1];
        trainer.trainEpoch(
            data.batches(trainer.manager(), 64),
            (epoch, step, loss, accuracy, rate) -> trainingLoss[0] = loss);
        assertThat(recalibrated.loss())
            .as(objective)
            .isCloseTo(trainingLoss[0], within(0.01 * trainingLoss[0]));
        assertThat(Math.abs(stale.loss() - trainingLoss[0]))
            .as("%s: the initial statistics give another loss", objective)
            .isGreaterThan(0.05 * trainingLoss[0]);
      }
    }
  }

  private static List<float[]> statistics(ModelTrainer trainer) {
    List<float[]> values = new ArrayList<>();
    for (String name : trainer.parameterNames()) {
      if (name.endsWith("runningMean") || name.endsWith("runningVar")) {
        values.add(trainer.parameterValues(name));
      }
    }
    assertThat(values).isNotEmpty();
    return values;
  }
}
