package dev.cosinerepro.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * An opt-in measurement, not a CI test: why test accuracy at the end of a short SGDR cycle lags
 * training accuracy (issue 10). It trains ResNet-20 with cross-entropy on Fashion-MNIST (k = 50
 * images per class, repeated to 2,000 images per epoch, batches of 100, one SGDR cycle of 4 epochs
 * = 80 steps at 0.1 down to 1e-6, weight decay 4e-4, no augmentation, seed 0) once per BatchNorm
 * momentum, and at the cycle end evaluates the same weights three ways: with the running statistics
 * training kept, with statistics re-estimated on 20 training batches ("precise BN", {@link
 * ModelTrainer#evaluateRecalibrated}), on the training subset and on 2,000 test images. Needs
 * Debian's {@code dataset-fashion-mnist}:
 *
 * <pre>mvn -o -q -pl model test -Dtest=BatchNormLagMeasurement -Dmeasure.fmnist=true</pre>
 */
class BatchNormLagMeasurement {

  private static final Path DATA = Path.of("/usr/share/datasets/fashion-mnist");
  private static final int K = 50;
  private static final int PER_EPOCH = 2000;
  private static final int BATCH = 100;
  private static final int TEST = 2000;
  private static final int CALIBRATION_BATCHES = 20;

  @Test
  @EnabledIfSystemProperty(named = "measure.fmnist", matches = "true")
  void testAccuracyAtTheCycleEnd() throws IOException {
    float[] trainAll = images(DATA.resolve("train-images-idx3-ubyte.gz"));
    int[] trainLabelsAll = labels(DATA.resolve("train-labels-idx1-ubyte.gz"));
    float[] testAll = images(DATA.resolve("t10k-images-idx3-ubyte.gz"));
    int[] testLabelsAll = labels(DATA.resolve("t10k-labels-idx1-ubyte.gz"));
    Random random = new Random(0);
    List<Integer> indices = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      List<Integer> ofClass = new ArrayList<>();
      for (int i = 0; i < trainLabelsAll.length; i++) {
        if (trainLabelsAll[i] == c) {
          ofClass.add(i);
        }
      }
      Collections.shuffle(ofClass, random);
      indices.addAll(ofClass.subList(0, K));
    }
    int n = indices.size();
    float[] train = new float[n * 784];
    int[] trainLabels = new int[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(trainAll, indices.get(i) * 784, train, i * 784, 784);
      trainLabels[i] = trainLabelsAll[indices.get(i)];
    }
    double mean = 0;
    for (float v : train) {
      mean += v;
    }
    mean /= train.length;
    double var = 0;
    for (float v : train) {
      var += (v - mean) * (v - mean);
    }
    double std = Math.sqrt(var / train.length);
    normalise(train, mean, std);
    float[] test = java.util.Arrays.copyOf(testAll, TEST * 784);
    int[] testLabels = java.util.Arrays.copyOf(testLabelsAll, TEST);
    normalise(test, mean, std);

    for (double momentum : new double[] {0.99, 0.9}) {
      TrainerConfig config =
          TrainerConfig.builder()
              .setArchitecture("resnet20")
              .setNumClasses(10)
              .setInputChannels(1)
              .setInputHeight(28)
              .setInputWidth(28)
              .setObjective("xent")
              .setMaxLearningRate(0.1)
              .setSeed(0)
              .optSgdrSchedule(1, 4, 2)
              .optWeightDecay(4e-4)
              .optBatchNormMomentum(momentum)
              .build();
      long started = System.nanoTime();
      try (ModelTrainer trainer = ModelTrainer.create(config)) {
        EpochStats last = null;
        for (int epoch = 0; epoch < trainer.totalEpochs(); epoch++) {
          last =
              trainer.trainEpoch(epochBatches(trainer.manager(), train, trainLabels, epoch), null);
        }
        EvalStats trainRunning = trainer.evaluate(batches(trainer.manager(), train, trainLabels));
        EvalStats testRunning = trainer.evaluate(batches(trainer.manager(), test, testLabels));
        EvalStats trainPrecise =
            trainer.evaluateRecalibrated(
                calibration(trainer.manager(), train, trainLabels),
                batches(trainer.manager(), train, trainLabels));
        EvalStats testPrecise =
            trainer.evaluateRecalibrated(
                calibration(trainer.manager(), train, trainLabels),
                batches(trainer.manager(), test, testLabels));
        EvalStats testAgain = trainer.evaluate(batches(trainer.manager(), test, testLabels));
        assertThat(testAgain.accuracy()).isEqualTo(testRunning.accuracy());
        System.out.printf(
            "BN momentum %.2f, 80 steps (weight of the initial statistics %.3f): training"
                + " (last epoch, train mode) %.1f %% loss %.3f | running statistics: train %.1f %%,"
                + " test %.1f %% | precise BN (%d batches): train %.1f %%, test %.1f %% | %.0f s on a"
                + " shared 2-core machine%n",
            momentum,
            Math.pow(momentum, 80),
            100 * last.accuracy(),
            last.loss(),
            100 * trainRunning.accuracy(),
            100 * testRunning.accuracy(),
            CALIBRATION_BATCHES,
            100 * trainPrecise.accuracy(),
            100 * testPrecise.accuracy(),
            (System.nanoTime() - started) / 1e9);
      }
    }
  }

  private static void normalise(float[] values, double mean, double std) {
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((values[i] - mean) / std);
    }
  }

  /** The subset repeated and shuffled to {@link #PER_EPOCH} images, seeded by the epoch. */
  private static Iterator<Batch> epochBatches(
      NDManager manager, float[] images, int[] labels, int epoch) {
    List<Integer> order = new ArrayList<>();
    while (order.size() < PER_EPOCH) {
      for (int i = 0; i < labels.length && order.size() < PER_EPOCH; i++) {
        order.add(i);
      }
    }
    Collections.shuffle(order, new Random(1000 + epoch));
    return batches(manager, images, labels, order.stream().mapToInt(Integer::intValue).toArray());
  }

  private static Iterator<Batch> calibration(NDManager manager, float[] images, int[] labels) {
    List<Integer> order = new ArrayList<>();
    while (order.size() < CALIBRATION_BATCHES * BATCH) {
      for (int i = 0; i < labels.length; i++) {
        order.add(i);
      }
    }
    Collections.shuffle(order, new Random(7));
    return batches(
        manager,
        images,
        labels,
        order.subList(0, CALIBRATION_BATCHES * BATCH).stream()
            .mapToInt(Integer::intValue)
            .toArray());
  }

  private static Iterator<Batch> batches(NDManager manager, float[] images, int[] labels) {
    int[] order = new int[labels.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    return batches(manager, images, labels, order);
  }

  private static Iterator<Batch> batches(
      NDManager parent, float[] images, int[] labels, int[] order) {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < order.length;
      }

      @Override
      public Batch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int n = Math.min(BATCH, order.length - next);
        float[] data = new float[n * 784];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
          System.arraycopy(images, order[next + i] * 784, data, i * 784, 784);
          ids[i] = labels[order[next + i]];
        }
        next += n;
        NDManager manager = parent.newSubManager();
        return new Batch(
            manager,
            new NDList(manager.create(data, new Shape(n, 1, 28, 28))),
            new NDList(manager.create(ids)),
            n,
            Batchifier.STACK,
            Batchifier.STACK,
            next,
            order.length);
      }
    };
  }

  private static float[] images(Path file) throws IOException {
    try (DataInputStream in = open(file)) {
      assertThat(in.readInt()).as("IDX image magic of %s", file).isEqualTo(2051);
      int count = in.readInt();
      int pixels = in.readInt() * in.readInt();
      byte[] raw = in.readNBytes(count * pixels);
      float[] out = new float[raw.length];
      for (int i = 0; i < raw.length; i++) {
        out[i] = (raw[i] & 0xff) / 255f;
      }
      return out;
    }
  }

  private static int[] labels(Path file) throws IOException {
    try (DataInputStream in = open(file)) {
      assertThat(in.readInt()).as("IDX label magic of %s", file).isEqualTo(2049);
      byte[] raw = in.readNBytes(in.readInt());
      int[] out = new int[raw.length];
      for (int i = 0; i < raw.length; i++) {
        out[i] = raw[i];
      }
      return out;
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    return new DataInputStream(new GZIPInputStream(in));
  }
}
