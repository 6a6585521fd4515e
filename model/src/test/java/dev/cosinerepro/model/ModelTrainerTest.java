package dev.cosinerepro.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelTrainerTest {

  private static final SyntheticBatches DATA = SyntheticBatches.patterns(24, 8, 5);

  static TrainerConfig.Builder tiny(String objective) {
    return TrainerConfig.builder()
        .setArchitecture("resnet8")
        .setNumClasses(4)
        .setInputChannels(1)
        .setInputHeight(8)
        .setInputWidth(8)
        .setObjective(objective)
        .setMaxLearningRate(0.1)
        .setSeed(42)
        .optSgdrSchedule(2, 2)
        .optWeightDecay(4e-4)
        .optClipNorm(1.0);
  }

  @ParameterizedTest
  @EnumSource(MemoryFormat.class)
  void resumingFromACheckpointIsBitIdentical(MemoryFormat format) throws IOException {
    TrainerConfig config = tiny("cosine+xent").optMemoryFormat(format).build();
    byte[] straight;
    try (ModelTrainer trainer = ModelTrainer.create(config)) {
      for (int e = 0; e < 4; e++) {
        trainer.trainEpoch(DATA.batches(trainer.manager(), 8), null);
      }
      straight = checkpoint(trainer);
    }
    byte[] halfway;
    try (ModelTrainer trainer = ModelTrainer.create(config)) {
      for (int e = 0; e < 2; e++) {
        trainer.trainEpoch(DATA.batches(trainer.manager(), 8), null);
      }
      halfway = checkpoint(trainer);
    }
    byte[] resumed;
    try (ModelTrainer trainer = ModelTrainer.create(config)) {
      trainer.loadCheckpoint(new ByteArrayInputStream(halfway));
      assertThat(trainer.completedEpochs()).isEqualTo(2);
      assertThat(trainer.completedSteps()).isEqualTo(6);
      for (int e = 0; e < 2; e++) {
        trainer.trainEpoch(DATA.batches(trainer.manager(), 8), null);
      }
      resumed = checkpoint(trainer);
    }
    // Parameters, BatchNorm statistics, momentum buffers and counters, byte for byte.
    assertThat(resumed).isEqualTo(straight);
  }

  @Test
  void initialisationDependsOnlyOnTheSeed() {
    try (ModelTrainer a = ModelTrainer.create(tiny("xent").build());
        ModelTrainer b = ModelTrainer.create(tiny("xent").build());
        ModelTrainer c = ModelTrainer.create(tiny("xent").setSeed(43).build())) {
      String kernel = a.parameterNames().get(0);
      assertThat(a.parameterValues(kernel)).isEqualTo(b.parameterValues(kernel));
      assertThat(a.parameterValues(kernel)).isNotEqualTo(c.parameterValues(kernel));
    }
  }

  @Test
  void checkpointOfAnotherConfigIsRejectedAndChangesNothing() throws IOException {
    byte[] foreign;
    try (ModelTrainer trainer = ModelTrainer.create(tiny("xent").setMaxLearningRate(0.5).build())) {
      trainer.trainEpoch(DATA.batches(trainer.manager(), 8), null);
      foreign = checkpoint(trainer);
    }
    try (ModelTrainer trainer = ModelTrainer.create(tiny("xent").build())) {
      String name = trainer.parameterNames().get(0);
      float[] before = trainer.parameterValues(name);
      assertThatThrownBy(() -> trainer.loadCheckpoint(new ByteArrayInputStream(foreign)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("schedule is sgdr(max=0.5")
          .hasMessageContaining("resume it with the config it was written with");
      assertThat(trainer.parameterValues(name)).isEqualTo(before);
      assertThat(trainer.completedEpochs()).isZero();
    }
    try (ModelTrainer trainer =
        ModelTrainer.create(tiny("xent").setArchitecture("resnet8-wide").build())) {
      assertThatThrownBy(() -> trainer.loadCheckpoint(new ByteArrayInputStream(foreign)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("architecture is resnet8 in the checkpoint but resnet8-wide here");
    }
  }

  @Test
  void damagedCheckpointsAreIoErrors() {
    try (ModelTrainer trainer = ModelTrainer.create(tiny("xent").build())) {
      assertThatThrownBy(() -> trainer.loadCheckpoint(new ByteArrayInputStream(new byte[] {1, 2})))
          .isInstanceOf(IOException.class);
      byte[] good = checkpoint(trainer);
      byte[] truncated = Arrays.copyOf(good, good.length - 10);
      assertThatThrownBy(() -> trainer.loadCheckpoint(new ByteArrayInputStream(truncated)))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void nonFiniteLossStopsWithEpochAndStepAndKeepsTheLastGoodState() {
    try (ModelTrainer trainer = ModelTrainer.create(tiny("xent").build())) {
      Map<String, float[]> afterFirstStep = new HashMap<>();
      StepListener snapshot =
          (epoch, step, loss, accuracy, rate) -> {
            if (step == 0) {
              trainer
                  .parameterNames()
                  .forEach(n -> afterFirstStep.put(n, trainer.parameterValues(n)));
            }
          };
      Iterator<Batch> batches = poisonedSecondBatch(trainer.manager());
      assertThatThrownBy(() -> trainer.trainEpoch(batches, snapshot))
          .isInstanceOfSatisfying(
              NonFiniteLossException.class,
              e -> {
                assertThat(e.epoch()).isZero();
                assertThat(e.step()).isEqualTo(1);
                assertThat(e.getMessage()).contains("loss is NaN");
              });
      assertThat(trainer.completedEpochs()).isZero();
      assertThat(trainer.completedSteps()).isEqualTo(1);
      for (String name : trainer.parameterNames()) {
        assertThat(trainer.parameterValues(name)).as(name).isEqualTo(afterFirstStep.get(name));
      }
      // Training goes on from the last good state.
      trainer.trainEpoch(DATA.batches(trainer.manager(), 8), null);
      assertThat(trainer.completedEpochs()).isEqualTo(1);
    }
  }

  @Test
  void reportsScheduleCountsAndStatistics() {
    try (ModelTrainer trainer =
        ModelTrainer.create(tiny("cosine").optSgdrSchedule(5, 12).build())) {
      assertThat(trainer.totalEpochs()).isEqualTo(372);
      assertThat(trainer.learningRate(0)).isEqualTo(0.1);
      assertThat(trainer.learningRate(11)).isEqualTo(1e-6);
      List<Integer> steps = new ArrayList<>();
      EpochStats stats =
          trainer.trainEpoch(
              DATA.batches(trainer.manager(), 10), (epoch, step, loss, acc, lr) -> steps.add(step));
      assertThat(steps).containsExactly(0, 1, 2);
      assertThat(stats.epoch()).isZero();
      assertThat(stats.images()).isEqualTo(24);
      assertThat(stats.learningRate()).isEqualTo(0.1);
      assertThat(stats.loss()).isBetween(0.0, 2.0);
      assertThat(stats.imagesPerSecond()).isPositive();
      EvalStats eval = trainer.evaluate(DATA.batches(trainer.manager(), 24));
      assertThat(eval.images()).isEqualTo(24);
      assertThat(eval.accuracy()).isBetween(0.0, 1.0);
      assertThat(trainer.completedEpochs()).isEqualTo(1);
    }
  }

  @Test
  void parameterCountIncludesTheSoftmaxHead() {
    try (ModelTrainer xent = ModelTrainer.create(tiny("xent").build());
        ModelTrainer both = ModelTrainer.create(tiny("cosine+xent").build())) {
      long backbone = ArchitecturesTest.cifarResNetParameters(1, 16, 1, 4);
      assertThat(xent.parameterCount()).isEqualTo(backbone);
      // Head: BatchNorm over d = 4 (gamma, beta) and Dense 4 -> 4 with bias.
      assertThat(both.parameterCount()).isEqualTo(backbone + 2 * 4 + 4 * 4 + 4);
    }
  }

  @Test
  void batchesOfTheWrongShapeAreRejected() {
    try (ModelTrainer trainer = ModelTrainer.create(tiny("xent").build())) {
      NDManager manager = trainer.manager().newSubManager();
      Batch rgb =
          new Batch(
              manager,
              new NDList(manager.zeros(new Shape(2, 3, 8, 8))),
              new NDList(manager.create(new float[] {0, 1})),
              2,
              Batchifier.STACK,
              Batchifier.STACK,
              0,
              0);
      assertThatThrownBy(() -> trainer.trainEpoch(List.of(rgb).iterator(), null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(N, 1, H, W)");
      assertThatThrownBy(() -> trainer.trainEpoch(List.<Batch>of().iterator(), null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no batches");
    }
  }

  @Test
  void memoryDoesNotGrowAcrossEpochs() {
    try (ModelTrainer trainer = ModelTrainer.create(tiny("cosine+xent").build())) {
      trainer.trainEpoch(DATA.batches(trainer.manager(), 8), null);
      int after1 = trainer.manager().getManagedArrays().size();
      trainer.trainEpoch(DATA.batches(trainer.manager(), 8), null);
      trainer.evaluate(DATA.batches(trainer.manager(), 8));
      assertThat(trainer.manager().getManagedArrays().size()).isEqualTo(after1);
    }
  }

  @Test
  void worksOnThreadsOtherThanTheOneThatStartedTheEngine() throws Exception {
    // PyTorch's grad mode is per thread and DJL switches it off only where the engine started.
    try (ModelTrainer first = ModelTrainer.create(tiny("xent").build())) {
      first.trainEpoch(DATA.batches(first.manager(), 8), null);
    }
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread worker =
        new Thread(
            () -> {
              try (ModelTrainer trainer = ModelTrainer.create(tiny("cosine+xent").build())) {
                trainer.trainEpoch(DATA.batches(trainer.manager(), 8), null);
                trainer.evaluate(DATA.batches(trainer.manager(), 8));
                byte[] saved = checkpoint(trainer);
                trainer.loadCheckpoint(new ByteArrayInputStream(saved));
                trainer.trainEpoch(DATA.batches(trainer.manager(), 8), null);
              } catch (Throwable e) {
                failure.set(e);
              }
            });
    worker.start();
    worker.join();
    assertThat(failure.get()).isNull();
  }

  private static Iterator<Batch> poisonedSecondBatch(NDManager parent) {
    List<Batch> batches = new ArrayList<>();
    Iterator<Batch> good = DATA.batches(parent, 8);
    batches.add(good.next());
    Batch second = good.next();
    float[] data = second.getData().singletonOrThrow().toFloatArray();
    data[5] = Float.NaN;
    second.getData().singletonOrThrow().set(data);
    batches.add(second);
    batches.add(good.next());
    return batches.iterator();
  }

  private static byte[] checkpoint(ModelTrainer trainer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      trainer.saveCheckpoint(out);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }
}
