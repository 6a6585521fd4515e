package dev.cosinerepro.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import dev.cosinerepro.model.nets.BatchNormSettings;
import dev.cosinerepro.model.train.GlorotInitializer;
import dev.cosinerepro.model.train.HeNormalInitializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The options that replaced code constants: each changes training exactly as documented. */
class TrainingOptionsTest {

  private static final SyntheticBatches DATA = SyntheticBatches.patterns(24, 8, 5);

  /** One step per epoch (a single batch of 24), constant rate 0.1, no clipping. */
  private static TrainerConfig.Builder oneStep(String objective) {
    return ModelTrainerTest.tiny(objective).optConstantSchedule(2).optClipNorm(0);
  }

  private static ModelTrainer trainedOneStep(TrainerConfig config) {
    ModelTrainer trainer = ModelTrainer.create(config);
    trainer.trainEpoch(DATA.batches(trainer.manager(), 24), null);
    assertThat(trainer.completedSteps()).isEqualTo(1);
    return trainer;
  }

  private static String firstNamed(ModelTrainer trainer, String suffix) {
    return trainer.parameterNames().stream()
        .filter(n -> n.endsWith(suffix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + suffix + " in " + trainer.parameterNames()));
  }

  @Test
  void batchNormMomentumAndEpsilonFollowTheFormulaOnAHandInput() {
    // One channel, four values 1, 2, 3, 6: mean 3, biased variance 3.5, unbiased 14 / 3.
    float[] x = {1, 2, 3, 6};
    for (double momentum : new double[] {0.9, 0.99}) {
      for (double epsilon : new double[] {1e-3, 0.5}) {
        try (NDManager manager = NDManager.newBaseManager()) {
          BatchNorm bn = new BatchNormSettings(momentum, epsilon).block();
          Shape shape = new Shape(2, 1, 1, 2);
          bn.initialize(manager, DataType.FLOAT32, shape);
          GlorotInitializer.initialize(bn, 1);
          NDArray input = manager.create(x, shape);
          float[] y =
              bn.forward(new ParameterStore(manager, false), new NDList(input), true)
                  .singletonOrThrow()
                  .toFloatArray();
          float[] runningMean = null;
          float[] runningVar = null;
          for (var entry : bn.getParameters()) {
            Parameter p = entry.getValue();
            if (p.getType() == Parameter.Type.RUNNING_MEAN) {
              runningMean = p.getArray().toFloatArray();
            } else if (p.getType() == Parameter.Type.RUNNING_VAR) {
              runningVar = p.getArray().toFloatArray();
            }
          }
          String at = "momentum " + momentum + ", epsilon " + epsilon;
          // Keras convention: running = m * running + (1 - m) * batch, from mean 0 and variance 1.
          assertThat(runningMean[0]).as(at).isCloseTo((float) ((1 - momentum) * 3), within(1e-6f));
          assertThat(runningVar[0])
              .as(at)
              .isCloseTo((float) (momentum + (1 - momentum) * 14.0 / 3), within(1e-5f));
          for (int i = 0; i < x.length; i++) {
            assertThat(y[i])
                .as(at)
                .isCloseTo((float) ((x[i] - 3) / Math.sqrt(3.5 + epsilon)), within(1e-5f));
          }
        }
      }
    }
  }

  @Test
  void batchNormMomentumSetsTheTrainersRunningStatistics() {
    try (ModelTrainer keras = trainedOneStep(oneStep("xent").build());
        ModelTrainer torch = trainedOneStep(oneStep("xent").optBatchNormMomentum(0.9).build())) {
      String name = firstNamed(keras, "runningMean");
      float[] slow = keras.parameterValues(name);
      float[] fast = torch.parameterValues(name);
      assertThat(fast).isNotEqualTo(slow);
      // The stem's first step sees the same batch mean in both: running = (1 - m) * mean.
      for (int i = 0; i < slow.length; i++) {
        assertThat(fast[i] / 0.1f)
            .isCloseTo(slow[i] / 0.01f, within(1e-3f + 1e-3f * Math.abs(slow[i])));
      }
    }
  }

  @Test
  void batchNormEpsilonChangesTheTrainer() {
    try (ModelTrainer keras = trainedOneStep(oneStep("xent").build());
        ModelTrainer torch = trainedOneStep(oneStep("xent").optBatchNormEpsilon(1e-5).build())) {
      String kernel = keras.parameterNames().get(0);
      assertThat(torch.parameterValues(kernel)).isNotEqualTo(keras.parameterValues(kernel));
    }
  }

  @Test
  void resnet50RejectsAnEpsilonItCannotApply() {
    TrainerConfig.Builder resnet50 =
        oneStep("xent").setArchitecture("resnet50").setInputHeight(32).setInputWidth(32);
    assertThat(resnet50.optBatchNormMomentum(0.9).build().batchNormMomentum()).isEqualTo(0.9);
    assertThatThrownBy(() -> resnet50.optBatchNormEpsilon(1e-5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resnet50 cannot use BatchNorm epsilon 1.0E-5")
        .hasMessageContaining("DJL's ResNetV1");
    assertThatThrownBy(
            () -> Architectures.build("resnet50", 10, 3, new BatchNormSettings(0.99, 1e-5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resnet50 cannot use BatchNorm epsilon");
  }

  @Test
  void heNormalHasTheExpectedSpreadAndIsFixedBySeedAndName() {
    Shape conv = new Shape(256, 128, 3, 3);
    float[] w = HeNormalInitializer.values("conv", Parameter.Type.WEIGHT, conv, 7);
    double expectedStd = Math.sqrt(2.0 / (128 * 9));
    double sum = 0;
    double squares = 0;
    int beyondTwoStd = 0;
    for (float v : w) {
      sum += v;
      squares += (double) v * v;
      if (Math.abs(v) > 2 * expectedStd) {
        beyondTwoStd++;
      }
    }
    double mean = sum / w.length;
    double std = Math.sqrt(squares / w.length - mean * mean);
    assertThat(mean).isCloseTo(0, within(4 * expectedStd / Math.sqrt(w.length)));
    assertThat(std).isCloseTo(expectedStd, within(0.01 * expectedStd));
    // Not truncated (unlike Keras's he_normal): about 4.55% lie beyond two deviations.
    assertThat(beyondTwoStd / (double) w.length).isCloseTo(0.0455, within(0.002));

    float[] dense =
        HeNormalInitializer.values("dense", Parameter.Type.WEIGHT, new Shape(64, 500), 7);
    double denseSquares = 0;
    for (float v : dense) {
      denseSquares += (double) v * v;
    }
    assertThat(Math.sqrt(denseSquares / dense.length))
        .isCloseTo(Math.sqrt(2.0 / 500), within(0.03 * Math.sqrt(2.0 / 500)));

    assertThat(HeNormalInitializer.values("conv", Parameter.Type.WEIGHT, conv, 7)).isEqualTo(w);
    assertThat(HeNormalInitializer.values("conv", Parameter.Type.WEIGHT, conv, 8)).isNotEqualTo(w);
    assertThat(HeNormalInitializer.values("other", Parameter.Type.WEIGHT, conv, 7)).isNotEqualTo(w);
    assertThat(HeNormalInitializer.values("b", Parameter.Type.BIAS, new Shape(3), 7))
        .containsExactly(0, 0, 0);
    assertThat(HeNormalInitializer.values("g", Parameter.Type.GAMMA, new Shape(2), 7))
        .containsExactly(1, 1);
  }

  @Test
  void trainerUsesTheChosenInitialization() {
    try (ModelTrainer glorot = ModelTrainer.create(oneStep("xent").build());
        ModelTrainer he =
            ModelTrainer.create(oneStep("xent").optInitialization("he-normal").build());
        ModelTrainer heAgain =
            ModelTrainer.create(
                oneStep("xent").optInitialization(Initialization.HE_NORMAL).build())) {
      String stem = glorot.parameterNames().get(0);
      float[] expected =
          HeNormalInitializer.values(stem, Parameter.Type.WEIGHT, new Shape(16, 1, 3, 3), 42);
      assertThat(he.parameterValues(stem)).isEqualTo(expected);
      assertThat(heAgain.parameterValues(stem)).isEqualTo(expected);
      assertThat(glorot.parameterValues(stem)).isNotEqualTo(expected);
      String gamma = firstNamed(he, "gamma");
      assertThat(he.parameterValues(gamma)).isEqualTo(glorot.parameterValues(gamma));
    }
    assertThat(Initialization.names()).containsExactly("glorot-uniform", "he-normal");
    assertThatThrownBy(() -> Initialization.fromId("kaiming"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[glorot-uniform, he-normal]");
  }

  @Test
  void weightDecayScopeAllDecaysBatchNormGammaAndKernelsDoesNot() {
    double wd = 0.5;
    double rate = 0.1;
    try (ModelTrainer none = trainedOneStep(oneStep("xent").optWeightDecay(0).build());
        ModelTrainer kernels = trainedOneStep(oneStep("xent").optWeightDecay(wd).build());
        ModelTrainer all =
            trainedOneStep(oneStep("xent").optWeightDecay(wd).optWeightDecayScope("all").build())) {
      String gamma = firstNamed(none, "gamma");
      String kernel = none.parameterNames().get(0);
      assertThat(kernels.parameterValues(gamma)).isEqualTo(none.parameterValues(gamma));
      assertThat(kernels.parameterValues(kernel)).isNotEqualTo(none.parameterValues(kernel));
      // First step, no clipping: the decay term moves gamma (initially 1) by exactly rate * wd.
      float[] undecayed = none.parameterValues(gamma);
      float[] decayed = all.parameterValues(gamma);
      for (int i = 0; i < undecayed.length; i++) {
        assertThat(undecayed[i] - decayed[i]).isCloseTo((float) (rate * wd), within(1e-5f));
      }
    }
    assertThat(WeightDecayScope.names()).containsExactly("kernels", "all");
    assertThatThrownBy(() -> WeightDecayScope.fromId("biases"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[kernels, all]");
  }

  @Test
  void headWeightDecayAppliesToTheSoftmaxHeadAlone() {
    try (ModelTrainer fresh = ModelTrainer.create(oneStep("cosine+xent").build());
        ModelTrainer byDefault = trainedOneStep(oneStep("cosine+xent").build());
        ModelTrainer off = trainedOneStep(oneStep("cosine+xent").optHeadWeightDecay(0).build())) {
      List<String> names = fresh.parameterNames();
      String headKernel =
          names.stream().filter(n -> n.endsWith("weight")).reduce((a, b) -> b).orElseThrow();
      String backboneKernel = names.get(0);
      assertThat(off.parameterValues(backboneKernel))
          .isEqualTo(byDefault.parameterValues(backboneKernel));
      float[] initial = fresh.parameterValues(headKernel);
      float[] decayed = byDefault.parameterValues(headKernel);
      float[] undecayed = off.parameterValues(headKernel);
      assertThat(decayed).isNotEqualTo(undecayed);
      for (int i = 0; i < initial.length; i++) {
        float expected = (float) (0.1 * TrainerConfig.DEFAULT_HEAD_WEIGHT_DECAY * initial[i]);
        assertThat(undecayed[i] - decayed[i]).isCloseTo(expected, within(1e-6f));
      }
    }
  }

  @Test
  void aCheckpointNamesTheOptionThatDiffers() throws IOException {
    ByteArrayOutputStream saved = new ByteArrayOutputStream();
    try (ModelTrainer trainer = ModelTrainer.create(oneStep("xent").build())) {
      trainer.saveCheckpoint(saved);
    }
    try (ModelTrainer trainer =
        ModelTrainer.create(oneStep("xent").optBatchNormMomentum(0.9).build())) {
      assertThatThrownBy(
              () -> trainer.loadCheckpoint(new ByteArrayInputStream(saved.toByteArray())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("batchNormMomentum is the default in the checkpoint but 0.9 here");
      ByteArrayOutputStream other = new ByteArrayOutputStream();
      trainer.saveCheckpoint(other);
      try (ModelTrainer defaults = ModelTrainer.create(oneStep("xent").build())) {
        assertThatThrownBy(
                () -> defaults.loadCheckpoint(new ByteArrayInputStream(other.toByteArray())))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(
                "batchNormMomentum is 0.9 in the checkpoint but the default here");
      }
    }
  }
}
