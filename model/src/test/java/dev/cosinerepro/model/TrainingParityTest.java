package dev.cosinerepro.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cosinerepro.model.optim.MomentumForm;
import dev.cosinerepro.model.train.Checkpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole-training parity with PyTorch: {@link ModelTrainer} and an independent PyTorch
 * implementation of the same recipe ({@code src/test/python/make_fixtures.py}, Debian's torch
 * 1.13.1, CPU, float32) start from the same weights and train on the same batches for 140 steps,
 * for every objective; xent and cosine also with momentum in PyTorch's form ({@code b = m b + d; w
 * -= lr b}).
 *
 * <p>The PyTorch form is written out in the script as two roundings ({@code lr b}, then the
 * difference), as {@link dev.cosinerepro.model.optim.MomentumSgd} computes it. The script also
 * trains with {@code torch.optim.SGD} itself, which computes {@code w - lr b} in one fused
 * operation, and stores how far that run is from the written-out one ({@code torchOptimSgd},
 * printed with the report): the losses are identical for the first 1-4 steps, then the one rounding
 * per update grows to 1.2e-3 (xent) within the first cycle and 7e-2 to 9e-2 over 140 steps, as
 * large as the chaotic regime below. That is why the fixture is the written-out form: against
 * {@code torch.optim.SGD} itself the first-cycle tolerance could not be strict. It is also the
 * clearest measure of the chaotic regime: one rounding per update, inside PyTorch alone, moves
 * xent's step losses by 9.5e-2 over 140 steps, the size of the Java side's deviation after the
 * restarts (8.7e-2 for xent in the Keras form), while xent's perturbed-kernel noise floor stays
 * near 2e-6.
 *
 * <p>The setting: ResNet-8 (width 16) on 10 classes of 1x8x8 noisy class templates, 160 training
 * images in batches of 16 in a seeded order per epoch, no augmentation; SGDR at 0.1 with 3 cycles
 * of 2, 4 and 8 epochs (restarts after epochs 2 and 6, learning rate near 1e-6 at each cycle end),
 * momentum 0.9 (in the Keras form unless the case says otherwise), weight decay 5e-4 on kernels
 * (1e-3 on the head of {@code cosine+xent}), global-norm clipping at 1 (active on most early
 * steps), BatchNorm momentum 0.99 and epsilon 1e-3. The Java side exports the initial weights, the
 * images and the batch order ({@code training_init.json}, written by {@link #exportInitialState}
 * with {@code -Dparity.export=true}); the script trains and writes, per objective, every step's
 * loss and number of correct training predictions, and at each cycle end every BatchNorm running
 * statistic, the test scores (the values whose arg-max is the prediction) and the test loss.
 *
 * <p>Tolerances, in two regimes. Both sides run float32 arithmetic but not the same kernels
 * (libtorch 2.7.1 in DJL, 1.13.1 in the script: other convolution and reduction orders), so they
 * differ by rounding from the first step, and SGD on 160 images with batches of 16 amplifies
 * rounding chaotically once the learning rate is high again after a restart. The script measures
 * this directly: it trains a second time from initial kernels perturbed by one float32 rounding
 * step (relative 2^-23) and stores the deviation as each fixture's {@code noiseFloor}, printed with
 * the test's report. Measured: within the first cycle the perturbed run stays within 2e-7 of the
 * reference; over all 140 steps it moved by up to 6e-2 (step loss), 4e-2 (BatchNorm statistics) and
 * 1.1e-1 (test scores), depending on the objective and on the draw.
 *
 * <ul>
 *   <li>First cycle (steps 0 to 19, then the first cycle end at a learning rate of 1e-6: BatchNorm
 *       statistics, test scores, test loss, test predictions): step loss within {@link
 *       #FIRST_CYCLE_LOSS} relative, tensors within {@link #FIRST_CYCLE_TENSOR} relative to the
 *       tensor's largest magnitude, every training and test prediction equal. That is 50 and 500
 *       times the float32 floor, and below what recipe errors produce. Measured by changing the
 *       Java side only: BatchNorm momentum 0.9 instead of 0.99 moves the running means by 4.1
 *       (relative) at the first cycle end; weight decay on all parameters instead of kernels moves
 *       step 10's loss by 2.3e-5 to 4.7e-5; a first cycle of 3 epochs instead of 2 (the rate of
 *       another epoch) moves step 11's loss by 4e-4 to 7e-4.
 *   <li>After the first restart (steps 20 to 139, cycle ends after epochs 6 and 14): the chaotic
 *       regime; step loss within {@link #LATER_LOSS}, tensors within {@link #LATER_TENSOR}, a
 *       step's correct count within {@link #LATER_CORRECT} images, test accuracy within {@link
 *       #LATER_CORRECT} images: about twice the largest noise floor measured, so a correct
 *       implementation passes on any CPU, while a missing restart or a schedule a cycle off still
 *       fails.
 * </ul>
 */
class TrainingParityTest {

  static final List<String> OBJECTIVES = List.of("xent", "xent-ls", "cosine", "cosine+xent");

  /** A case's suffix for momentum in PyTorch's form ({@code b = m b + d; w -= lr b}). */
  static final String PYTORCH_MOMENTUM = " with pytorch momentum";

  /**
   * A case's suffix for batches laid out channels-last: the same fixtures (PyTorch trained
   * row-major), so the case shows that only the order of additions changes.
   */
  static final String CHANNELS_LAST = " channels-last";

  static final int CLASSES = 10;
  static final int SIDE = 8;
  static final int TRAIN_IMAGES = 160;
  static final int TEST_IMAGES = 64;
  static final int BATCH = 16;
  static final int CYCLES = 3;
  static final int BASE_EPOCHS = 2;
  static final int MULTIPLIER = 2;
  static final int EPOCHS = 14;
  static final Set<Integer> CYCLE_ENDS = Set.of(2, 6, 14);
  static final double MAX_RATE = 0.03;
  static final double WEIGHT_DECAY = 5e-4;
  static final double CLIP_NORM = 1.0;
  static final long SEED = 7;
  static final long DATA_SEED = 11;
  static final double NOISE = 1.5;

  static final double FIRST_CYCLE_LOSS = 1e-5;
  static final double FIRST_CYCLE_TENSOR = 1e-4;
  static final double LATER_LOSS = 0.15;
  static final double LATER_TENSOR = 0.25;
  static final int LATER_CORRECT = 3;

  private static final Map<String, String> REPORT = new LinkedHashMap<>();

  @AfterAll
  static void report() {
    REPORT.forEach(
        (objective, line) -> System.out.printf("training parity %-12s %s%n", objective, line));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "xent",
        "xent-ls",
        "cosine",
        "cosine+xent",
        "xent" + PYTORCH_MOMENTUM,
        "cosine" + PYTORCH_MOMENTUM,
        "xent" + CHANNELS_LAST,
        "cosine+xent" + CHANNELS_LAST
      })
  void trainsLikePyTorch(String objective) throws IOException {
    JsonNode init = resource("training_init.json");
    JsonNode expected = resource("training_" + fileId(objective) + ".json");
    JsonNode initial =
        init.get("networks").get(init.get("objectives").get(lossOf(objective)).asText());
    float[] trainImages = floats(init.get("trainImages"));
    int[] trainLabels = ints(init.get("trainLabels"));
    float[] testImages = floats(init.get("testImages"));
    int[] testLabels = ints(init.get("testLabels"));

    Deviations[] regimes = {new Deviations(), new Deviations()};
    try (ModelTrainer trainer = ModelTrainer.create(config(objective))) {
      load(trainer, initial);
      int step = 0;
      for (int epoch = 0; epoch < EPOCHS; epoch++) {
        boolean first = epoch < BASE_EPOCHS;
        Deviations d = regimes[first ? 0 : 1];
        double lossTolerance = first ? FIRST_CYCLE_LOSS : LATER_LOSS;
        double tensorTolerance = first ? FIRST_CYCLE_TENSOR : LATER_TENSOR;
        int correctTolerance = first ? 0 : LATER_CORRECT;
        List<double[]> steps = new ArrayList<>();
        int[] order = ints(init.get("orders").get(epoch));
        trainer.trainEpoch(
            batches(trainer.manager(), trainImages, trainLabels, order),
            (e, s, loss, accuracy, rate) -> steps.add(new double[] {loss, accuracy}));
        for (double[] measured : steps) {
          double reference = expected.get("stepLoss").get(step).asDouble();
          double error = Math.abs(measured[0] - reference) / Math.abs(reference);
          d.loss = Math.max(d.loss, error);
          assertThat(error)
              .as("%s step %d loss %s vs %s", objective, step, measured[0], reference)
              .isLessThan(lossTolerance);
          long correct = Math.round(measured[1] * BATCH);
          long difference = Math.abs(correct - expected.get("stepCorrect").get(step).asInt());
          d.correct = Math.max(d.correct, difference);
          assertThat(difference)
              .as("%s step %d correct count", objective, step)
              .isLessThanOrEqualTo(correctTolerance);
          step++;
        }
        if (!CYCLE_ENDS.contains(epoch + 1)) {
          continue;
        }
        JsonNode checkpoint = expected.get("cycleEnds").get(Integer.toString(epoch + 1));
        JsonNode statistics = checkpoint.get("runningStatistics");
        List<String> names = new ArrayList<>();
        statistics.fieldNames().forEachRemaining(names::add);
        assertThat(names).as("running statistics of %s", objective).isNotEmpty();
        for (String name : names) {
          double error = relative(trainer.parameterValues(name), floats(statistics.get(name)));
          d.statistics = Math.max(d.statistics, error);
          assertThat(error)
              .as("%s after epoch %d: %s", objective, epoch + 1, name)
              .isLessThan(tensorTolerance);
        }
        float[][] scores;
        try (NDManager scratch = trainer.manager().newSubManager()) {
          scores =
              trainer.classScores(
                  scratch.create(testImages, new Shape(TEST_IMAGES, 1, SIDE, SIDE)));
        }
        float[] referenceScores = floats(checkpoint.get("testScores"));
        float[] flat = new float[TEST_IMAGES * CLASSES];
        for (int i = 0; i < TEST_IMAGES; i++) {
          System.arraycopy(scores[i], 0, flat, i * CLASSES, CLASSES);
        }
        double scoreError = relative(flat, referenceScores);
        d.scores = Math.max(d.scores, scoreError);
        assertThat(scoreError)
            .as("%s test scores after epoch %d", objective, epoch + 1)
            .isLessThan(tensorTolerance);
        int differing = 0;
        for (int i = 0; i < TEST_IMAGES; i++) {
          if (argMax(scores[i], 0) != argMax(referenceScores, i * CLASSES)) {
            differing++;
          }
        }
        d.predictions = Math.max(d.predictions, differing);
        assertThat(differing)
            .as("%s test predictions differing after epoch %d", objective, epoch + 1)
            .isLessThanOrEqualTo(correctTolerance);
        EvalStats eval =
            trainer.evaluate(
                batches(trainer.manager(), testImages, testLabels, identity(TEST_IMAGES)));
        double referenceLoss = checkpoint.get("testLoss").asDouble();
        double testLossError = Math.abs(eval.loss() - referenceLoss) / Math.abs(referenceLoss);
        d.testLoss = Math.max(d.testLoss, testLossError);
        assertThat(testLossError)
            .as("%s test loss after epoch %d", objective, epoch + 1)
            .isLessThan(lossTolerance);
        long testCorrect = Math.round(eval.accuracy() * TEST_IMAGES);
        assertThat(Math.abs(testCorrect - checkpoint.get("testCorrect").asLong()))
            .as("%s test accuracy after epoch %d", objective, epoch + 1)
            .isLessThanOrEqualTo(correctTolerance);
      }
      assertThat(step).isEqualTo(expected.get("stepLoss").size());
    }
    JsonNode floor = expected.get("noiseFloor");
    JsonNode torchSgd = expected.get("torchOptimSgd");
    REPORT.put(
        objective,
        String.format(
            "first cycle %s | after restarts %s | float32 noise floor (140 steps): loss %.1e,"
                + " BN %.1e, scores %.1e%s",
            regimes[0],
            regimes[1],
            floor.get("stepLoss").asDouble(),
            floor.get("runningStatistics").asDouble(),
            floor.get("testScores").asDouble(),
            torchSgd == null
                ? ""
                : String.format(
                    " | torch.optim.SGD itself vs the written-out form: identical %d steps,"
                        + " loss first cycle %.1e, all steps %.1e",
                    torchSgd.get("identicalSteps").asInt(),
                    torchSgd.get("firstCycleStepLoss").asDouble(),
                    torchSgd.get("stepLoss").asDouble())));
  }

  /** The largest deviations of one regime, relative as in the class comment. */
  private static final class Deviations {
    double loss;
    double statistics;
    double scores;
    double testLoss;
    long correct;
    long predictions;

    @Override
    public String toString() {
      return String.format(
          "loss %.1e, BN stats %.1e, test scores %.1e, test loss %.1e, correct +-%d,"
              + " test predictions differing %d",
          loss, statistics, scores, testLoss, correct, predictions);
    }
  }

  /**
   * Writes {@code training_init.json}: the initial weights of every objective's network, the images
   * and the batch order of every epoch. Run it, then the Python script, whenever the network's
   * parameter names or the setting above change: {@code mvn -o -q -pl model test
   * -Dtest=TrainingParityTest#exportInitialState -Dparity.export=true}, then {@code
   * /usr/bin/python3 model/src/test/python/make_fixtures.py}.
   */
  @Test
  @EnabledIfSystemProperty(named = "parity.export", matches = "true")
  void exportInitialState() throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("classes", CLASSES);
    settings.put("side", SIDE);
    settings.put("batch", BATCH);
    settings.put("cycles", CYCLES);
    settings.put("baseEpochs", BASE_EPOCHS);
    settings.put("multiplier", MULTIPLIER);
    settings.put("maxRate", MAX_RATE);
    settings.put("minRate", TrainerConfig.DEFAULT_MIN_LEARNING_RATE);
    settings.put("momentum", TrainerConfig.DEFAULT_MOMENTUM);
    settings.put("weightDecay", WEIGHT_DECAY);
    settings.put("headWeightDecay", TrainerConfig.DEFAULT_HEAD_WEIGHT_DECAY);
    settings.put("clipNorm", CLIP_NORM);
    settings.put("lambda", TrainerConfig.DEFAULT_LAMBDA);
    settings.put("labelSmoothing", TrainerConfig.DEFAULT_LABEL_SMOOTHING);
    settings.put("batchNormMomentum", TrainerConfig.DEFAULT_BATCH_NORM_MOMENTUM);
    settings.put("batchNormEpsilon", TrainerConfig.DEFAULT_BATCH_NORM_EPSILON);
    settings.put("cycleEnds", List.of(2, 6, 14));
    out.put("settings", settings);
    Map<String, String> objectives = new LinkedHashMap<>();
    Map<String, Object> networks = new LinkedHashMap<>();
    for (String objective : OBJECTIVES) {
      String network = objective.equals("cosine+xent") ? "head" : "plain";
      objectives.put(objective, network);
      try (ModelTrainer trainer = ModelTrainer.create(config(objective))) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (String name : trainer.parameterNames()) {
          Map<String, Object> tensor = new LinkedHashMap<>();
          tensor.put("shape", trainer.parameterShape(name));
          tensor.put("values", trainer.parameterValues(name));
          parameters.put(name, tensor);
        }
        Object previous = networks.putIfAbsent(network, parameters);
        if (previous != null) {
          assertThat(((Map<?, ?>) previous).keySet()).isEqualTo(parameters.keySet());
        }
      }
    }
    out.put("objectives", objectives);
    out.put("networks", networks);
    Random random = new Random(DATA_SEED);
    float[][] templates = new float[CLASSES][SIDE * SIDE];
    for (float[] template : templates) {
      for (int j = 0; j < template.length; j++) {
        template[j] = (float) random.nextGaussian();
      }
    }
    for (String split : List.of("train", "test")) {
      int count = split.equals("train") ? TRAIN_IMAGES : TEST_IMAGES;
      float[] images = new float[count * SIDE * SIDE];
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) {
        labels[i] = i % CLASSES;
        for (int j = 0; j < SIDE * SIDE; j++) {
          images[i * SIDE * SIDE + j] =
              (float) (templates[labels[i]][j] + NOISE * random.nextGaussian());
        }
      }
      out.put(split + "Images", images);
      out.put(split + "Labels", labels);
    }
    List<int[]> orders = new ArrayList<>();
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      int[] order = identity(TRAIN_IMAGES);
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int swap = order[i];
        order[i] = order[j];
        order[j] = swap;
      }
      orders.add(order);
    }
    out.put("orders", orders);
    Path file = Path.of("src/test/resources/parity/training_init.json");
    Files.createDirectories(file.getParent());
    new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), out);
  }

  static TrainerConfig config(String objective) {
    MomentumForm form =
        objective.endsWith(PYTORCH_MOMENTUM) ? MomentumForm.PYTORCH : MomentumForm.KERAS;
    return TrainerConfig.builder()
        .setArchitecture("resnet8")
        .setNumClasses(CLASSES)
        .setInputChannels(1)
        .setInputHeight(SIDE)
        .setInputWidth(SIDE)
        .setObjective(lossOf(objective))
        .setMaxLearningRate(MAX_RATE)
        .setSeed(SEED)
        .optSgdrSchedule(CYCLES, BASE_EPOCHS, MULTIPLIER)
        .optWeightDecay(WEIGHT_DECAY)
        .optClipNorm(CLIP_NORM)
        .optMomentumForm(form)
        .optMemoryFormat(
            objective.endsWith(CHANNELS_LAST)
                ? MemoryFormat.CHANNELS_LAST
                : MemoryFormat.CONTIGUOUS)
        .build();
  }

  /** The loss of a case: its name without {@link #PYTORCH_MOMENTUM} or {@link #CHANNELS_LAST}. */
  static String lossOf(String objective) {
    return objective.replace(PYTORCH_MOMENTUM, "").replace(CHANNELS_LAST, "");
  }

  /** Puts the exported initial weights into the trainer through a checkpoint at epoch 0. */
  private static void load(ModelTrainer trainer, JsonNode initial) throws IOException {
    List<String> names = new ArrayList<>();
    initial.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .as("parameter names (re-export with -Dparity.export=true if the network changed)")
        .isEqualTo(trainer.parameterNames());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (NDManager scratch = trainer.manager().newSubManager()) {
      Map<String, NDArray> arrays = new LinkedHashMap<>();
      for (String name : names) {
        JsonNode tensor = initial.get(name);
        long[] shape = new long[tensor.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
          shape[i] = tensor.get("shape").get(i).asLong();
        }
        arrays.put(name, scratch.create(floats(tensor.get("values")), new Shape(shape)));
      }
      Checkpoint.write(bytes, trainer.config().canonicalForm(), 0, 0, SEED, arrays, Map.of());
    }
    trainer.loadCheckpoint(new ByteArrayInputStream(bytes.toByteArray()));
  }

  private static Iterator<Batch> batches(
      NDManager parent, float[] images, int[] labels, int[] order) {
    int pixels = SIDE * SIDE;
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
        float[] data = new float[n * pixels];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
          System.arraycopy(images, order[next + i] * pixels, data, i * pixels, pixels);
          ids[i] = labels[order[next + i]];
        }
        next += n;
        NDManager manager = parent.newSubManager();
        return new Batch(
            manager,
            new NDList(manager.create(data, new Shape(n, 1, SIDE, SIDE))),
            new NDList(manager.create(ids)),
            n,
            Batchifier.STACK,
            Batchifier.STACK,
            next,
            order.length);
      }
    };
  }

  private static double relative(float[] actual, float[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    double maxDiff = 0;
    double maxRef = 0;
    for (int i = 0; i < expected.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs((double) actual[i] - expected[i]));
      maxRef = Math.max(maxRef, Math.abs((double) expected[i]));
    }
    return maxRef == 0 ? maxDiff : maxDiff / maxRef;
  }

  private static int argMax(float[] values, int offset) {
    int best = 0;
    for (int c = 1; c < CLASSES; c++) {
      if (values[offset + c] > values[offset + best]) {
        best = c;
      }
    }
    return best;
  }

  private static double topTwoMargin(float[] values, int offset) {
    double first = Double.NEGATIVE_INFINITY;
    double second = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < CLASSES; c++) {
      double v = values[offset + c];
      if (v > first) {
        second = first;
        first = v;
      } else if (v > second) {
        second = v;
      }
    }
    return first - second;
  }

  private static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  static String fileId(String objective) {
    return objective
        .replace(CHANNELS_LAST, "")
        .replace(PYTORCH_MOMENTUM, "_pytorch-momentum")
        .replace("+", "-");
  }

  private static float[] floats(JsonNode values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) values.get(i).asDouble();
    }
    return out;
  }

  private static int[] ints(JsonNode values) {
    int[] out = new int[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).asInt();
    }
    return out;
  }

  private static JsonNode resource(String name) throws IOException {
    try (InputStream in = TrainingParityTest.class.getResourceAsStream("/parity/" + name)) {
      assertThat(in)
          .as("fixture %s (export with -Dparity.export=true, then run make_fixtures.py)", name)
          .isNotNull();
      return new ObjectMapper().readTree(in);
    }
  }
}
