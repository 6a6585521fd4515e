package dev.cosinerepro.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrainerConfigTest {

  static TrainerConfig.Builder complete() {
    return TrainerConfig.builder()
        .setArchitecture("resnet8")
        .setNumClasses(4)
        .setInputChannels(1)
        .setInputHeight(8)
        .setInputWidth(8)
        .setObjective("cosine")
        .setMaxLearningRate(0.1)
        .setSeed(1);
  }

  @Test
  void defaultsAreThePapers() {
    TrainerConfig config = complete().build();
    assertThat(config.schedule().totalEpochs()).isEqualTo(372);
    assertThat(config.minLearningRate()).isEqualTo(1e-6);
    assertThat(config.momentum()).isEqualTo(0.9);
    assertThat(config.weightDecay()).isZero();
    assertThat(config.clipNorm()).isEqualTo(10);
    assertThat(config.lambda()).isEqualTo(0.1);
    assertThat(config.labelSmoothing()).isEqualTo(0.1);
    assertThat(config.classEmbeddings().isOneHot()).isTrue();
    assertThat(config.outputDimension()).isEqualTo(4);
  }

  @Test
  void missingRequiredFieldsAreNamed() {
    assertThatThrownBy(() -> TrainerConfig.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'architecture'");
    assertThatThrownBy(
            () ->
                TrainerConfig.builder()
                    .setArchitecture("resnet8")
                    .setNumClasses(4)
                    .setInputChannels(1)
                    .setInputHeight(8)
                    .setInputWidth(8)
                    .setObjective("xent")
                    .setMaxLearningRate(0.1)
                    .build())
        .hasMessageContaining("'seed'");
    assertThatThrownBy(
            () ->
                TrainerConfig.builder()
                    .setArchitecture("resnet8")
                    .setNumClasses(4)
                    .setInputChannels(1)
                    .setInputHeight(8)
                    .setObjective("xent")
                    .setMaxLearningRate(0.1)
                    .setSeed(3)
                    .build())
        .hasMessageContaining("'inputWidth'");
  }

  @Test
  void invalidValuesAreExplained() {
    assertThatThrownBy(() -> complete().setObjective("softmax"))
        .hasMessageContaining("xent-ls")
        .hasMessageContaining("cosine+xent");
    assertThatThrownBy(() -> complete().setArchitecture("vgg16").build())
        .hasMessageContaining("resnet110-wide");
    assertThatThrownBy(() -> complete().setInputHeight(7).build())
        .hasMessageContaining("at least 8");
    assertThatThrownBy(() -> complete().setMaxLearningRate(-1).build())
        .hasMessageContaining("maxLearningRate");
    assertThatThrownBy(() -> complete().optMomentum(1.5).build()).hasMessageContaining("momentum");
    assertThatThrownBy(() -> complete().optLabelSmoothing(1).build())
        .hasMessageContaining("labelSmoothing");
    assertThatThrownBy(() -> complete().optWeightDecay(-1).build())
        .hasMessageContaining("weightDecay");
    assertThatThrownBy(() -> complete().optClassEmbeddings(new float[][] {{1, 0}, {0, 1}}).build())
        .hasMessageContaining("one row per class");
    assertThatThrownBy(
            () ->
                complete()
                    .setObjective("xent")
                    .optClassEmbeddings(new float[][] {{1, 0}, {0, 1}, {0.6f, 0.8f}, {0.8f, 0.6f}})
                    .build())
        .hasMessageContaining("only by the cosine objectives");
  }

  @Test
  void embeddingsSetTheOutputDimension() {
    TrainerConfig config =
        complete()
            .optClassEmbeddings(new float[][] {{1, 0}, {0, 1}, {0.6f, 0.8f}, {0.8f, 0.6f}})
            .build();
    assertThat(config.outputDimension()).isEqualTo(2);
    assertThat(config.canonicalForm()).contains("classEmbeddings=2d:");
  }

  @Test
  void canonicalFormIsTheIdentity() {
    assertThat(complete().build()).isEqualTo(complete().build());
    assertThat(complete().build()).isNotEqualTo(complete().setSeed(2).build());
    assertThat(complete().build().canonicalForm())
        .isEqualTo(
            "architecture=resnet8;numClasses=4;input=1x8x8;objective=cosine;"
                + "classEmbeddings=one-hot;schedule=sgdr(max=0.1,min=1.0E-6,cycles=5,base=12,mult=2);"
                + "momentum=0.9;weightDecay=0.0;clipNorm=10.0;seed=1");
    assertThat(complete().optConstantSchedule(3).build().schedule().describe())
        .isEqualTo("constant(rate=0.1,epochs=3)");
  }

  @Test
  void laterOptionsDefaultToTheReferenceAndStayOutOfTheIdentity() {
    TrainerConfig config = complete().setObjective("cosine+xent").build();
    assertThat(config.batchNormMomentum()).isEqualTo(0.99);
    assertThat(config.batchNormEpsilon()).isEqualTo(1e-3);
    assertThat((float) config.batchNormMomentum()).isEqualTo(0.99f);
    assertThat((float) config.batchNormEpsilon()).isEqualTo(1e-3f);
    assertThat(config.initialization()).isEqualTo(Initialization.GLOROT_UNIFORM);
    assertThat(config.weightDecayScope()).isEqualTo(WeightDecayScope.KERNELS);
    assertThat(config.headWeightDecay()).isEqualTo(2 * 5e-4);
    // Defaults set explicitly keep the identity of a config that never mentions them.
    TrainerConfig explicit =
        complete()
            .setObjective("cosine+xent")
            .optBatchNormMomentum(0.99)
            .optBatchNormEpsilon(1e-3)
            .optInitialization("glorot-uniform")
            .optWeightDecayScope("kernels")
            .optHeadWeightDecay(2 * 5e-4)
            .optMemoryFormat(MemoryFormat.CONTIGUOUS)
            .build();
    assertThat(config.memoryFormat()).isEqualTo(MemoryFormat.CONTIGUOUS);
    assertThat(explicit.canonicalForm()).isEqualTo(config.canonicalForm());
    assertThat(config.canonicalForm())
        .doesNotContain("batchNorm", "initialization", "Scope", "headWeightDecay", "memoryFormat");
  }

  @Test
  void laterOptionsEnterTheIdentityWhenTheyDiffer() {
    String form =
        complete()
            .setObjective("cosine+xent")
            .optBatchNormMomentum(0.9)
            .optBatchNormEpsilon(1e-5)
            .optInitialization(Initialization.HE_NORMAL)
            .optWeightDecayScope(WeightDecayScope.ALL)
            .optHeadWeightDecay(0)
            .optMemoryFormat(MemoryFormat.CHANNELS_LAST)
            .build()
            .canonicalForm();
    assertThat(form)
        .endsWith(
            ";clipNorm=10.0;weightDecayScope=all;headWeightDecay=0.0;batchNormMomentum=0.9;"
                + "batchNormEpsilon=1.0E-5;initialization=he-normal;memoryFormat=channels-last;"
                + "seed=1");
    // The head weight decay means nothing without the softmax head.
    assertThat(complete().optHeadWeightDecay(0).build()).isEqualTo(complete().build());
  }

  @Test
  void laterOptionsAreValidated() {
    assertThatThrownBy(() -> complete().optBatchNormMomentum(1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batchNormMomentum must be in [0, 1)");
    assertThatThrownBy(() -> complete().optBatchNormEpsilon(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batchNormEpsilon must be positive");
    assertThatThrownBy(() -> complete().optHeadWeightDecay(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("headWeightDecay must be finite and at least 0");
    assertThatThrownBy(() -> complete().optInitialization("xavier"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("valid names are [glorot-uniform, he-normal]");
    assertThatThrownBy(() -> complete().optWeightDecayScope("none"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("valid names are [kernels, all]");
    assertThatThrownBy(() -> complete().optMemoryFormat(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("memoryFormat must not be null; valid names are [contiguous,");
    assertThat(Objective.names()).containsExactly("xent", "xent-ls", "cosine", "cosine+xent");
  }
}
