package dev.cosinerepro.model.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cosinerepro.model.TrainerConfig;
import org.junit.jupiter.api.Test;

class PerStepSgdrScheduleTest {
  private final PerStepSgdrSchedule schedule =
      new PerStepSgdrSchedule(new SgdrSchedule(0.1, 1e-6, 3, 4, 2));

  @Test
  void annealsWithinEveryCycleAndRestartsAtMax() {
    assertThat(schedule.rate(0, 0)).isEqualTo(0.1);
    // half-way through the first cycle (2 of 4 epochs): the mean of max and min
    assertThat(schedule.rate(2, 0)).isCloseTo((0.1 + 1e-6) / 2, within(1e-12));
    // t = 1.5 epochs of 4: min + 0.5 (max - min)(1 + cos(3 pi / 8))
    assertThat(schedule.rate(1, 0.5))
        .isCloseTo(1e-6 + 0.5 * (0.1 - 1e-6) * (1 + Math.cos(Math.PI * 1.5 / 4)), within(1e-12));
    assertThat(schedule.rate(3, 0.99)).isLessThan(0.001);
    assertThat(schedule.rate(4, 0)).isEqualTo(0.1); // restart: second cycle of 8 epochs
    assertThat(schedule.rate(8, 0)).isCloseTo((0.1 + 1e-6) / 2, within(1e-12));
    assertThat(schedule.totalEpochs()).isEqualTo(4 + 8 + 16);
  }

  @Test
  void isMonotoneWithinACycleStepByStep() {
    double previous = Double.MAX_VALUE;
    for (int epoch = 0; epoch < 4; epoch++) {
      for (int step = 0; step < 10; step++) {
        double rate = schedule.rate(epoch, step / 10.0);
        assertThat(rate).isLessThan(previous);
        previous = rate;
      }
    }
  }

  @Test
  void isAnOptionOfTheConfigAndPartOfItsIdentity() {
    TrainerConfig.Builder base =
        TrainerConfig.builder()
            .setArchitecture("resnet8")
            .setNumClasses(4)
            .setInputChannels(1)
            .setInputHeight(8)
            .setInputWidth(8)
            .setObjective("xent")
            .setMaxLearningRate(0.1)
            .setSeed(0)
            .optSgdrSchedule(3, 4);
    TrainerConfig perEpoch = base.build();
    TrainerConfig perStep = base.optSgdrPerStep(true).build();
    assertThat(perEpoch.schedule()).isInstanceOf(SgdrSchedule.class);
    assertThat(perStep.schedule()).isInstanceOf(PerStepSgdrSchedule.class);
    assertThat(perStep.canonicalForm())
        .isNotEqualTo(perEpoch.canonicalForm())
        .contains("sgdr-per-step(");
    assertThat(perEpoch.schedule().rate(1, 0.5)).isEqualTo(perEpoch.schedule().rate(1));
  }

  @Test
  void rejectsFractionsOutsideAnEpoch() {
    assertThatThrownBy(() -> schedule.rate(0, 1.0)).hasMessageContaining("[0, 1)");
  }
}
