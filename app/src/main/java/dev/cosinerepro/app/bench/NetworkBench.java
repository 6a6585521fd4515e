package dev.cosinerepro.app.bench;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import dev.cosinerepro.model.EngineFacts;
import dev.cosinerepro.model.ModelTrainer;
import dev.cosinerepro.model.TrainerConfig;
import dev.cosinerepro.model.train.OperatorTrace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times {@link NetworkItem}s on this code's model: a full training step as the pipeline takes it
 * ({@link ModelTrainer#trainEpoch}: forward, softmax cross-entropy, backward, weight decay on the
 * kernels, global-norm clipping, the momentum update, the NaN guard) or an evaluation batch ({@link
 * ModelTrainer#evaluate}: inference-mode forward, loss and arg-max). Inputs are random normal,
 * labels random; making a batch is not timed.
 *
 * <p>With a trace file, as many steps again run under libtorch's profiler after the timed ones
 * ({@link OperatorTrace}), and the measurement's details carry their {@link OperatorTimes}.
 */
public final class NetworkBench {
  private NetworkBench() {}

  /**
   * Measures one item.
   *
   * @param item the workload
   * @return images per second at the median step time, with the step times in the details
   */
  public static Measurement measure(NetworkItem item) {
    return measure(item, null);
  }

  /**
   * Measures one item and, when {@code trace} is given, profiles as many steps again.
   *
   * @param item the workload
   * @param trace where libtorch's profiler writes its Chrome trace, or null for no profile
   * @return images per second at the median step time; the details carry the step times and, with a
   *     trace, the {@code profile}
   */
  public static Measurement measure(NetworkItem item, Path trace) {
    TrainerConfig config =
        TrainerConfig.builder()
            .setArchitecture(item.architecture())
            .setNumClasses(item.classes())
            .setInputChannels(item.channels())
            .setInputHeight(item.side())
            .setInputWidth(item.side())
            .setObjective("xent")
            .setMaxLearningRate(0.01)
            .setSeed(0)
            .optConstantSchedule(2) // one epoch timed, one profiled
            .optWeightDecay(4e-4)
            .optMemoryFormat(item.memoryFormat())
            .build();
    List<Double> seconds;
    OperatorTimes profile = null;
    try (ModelTrainer trainer = ModelTrainer.create(config)) {
      seconds = steps(trainer, item, batches(trainer, item));
      if (trace != null) {
        NetworkItem again = item.withoutWarmup();
        List<Batch> made = batches(trainer, again);
        List<Double> profiled = new ArrayList<>();
        OperatorTrace.record(trace, () -> profiled.addAll(steps(trainer, again, made)));
        double wall = profiled.stream().mapToDouble(Double::doubleValue).sum();
        profile = OperatorTimes.read(trace, profiled.size(), wall);
      }
    }
    Measurement measurement = measurement(item, seconds, EngineFacts.probe().intraOpThreads());
    return profile == null ? measurement : measurement.withDetail(OperatorTimes.DETAIL, profile);
  }

  private static List<Double> steps(ModelTrainer trainer, NetworkItem item, List<Batch> made) {
    return item.training()
        ? trainingSteps(trainer, item, made)
        : evaluationSteps(trainer, item, made);
  }

  /** Builds the measurement of a list of timed step durations. */
  private static Measurement measurement(NetworkItem item, List<Double> seconds, int threads) {
    List<Double> sorted = new ArrayList<>(seconds);
    Collections.sort(sorted);
    double median = median(sorted);
    return new Measurement(
        item.name(),
        "repro",
        item.batch() / median,
        Measurement.IMAGES_PER_SECOND,
        threads,
        details(item, sorted.size(), median, sorted.get(0), sorted.get(sorted.size() - 1)));
  }

  /**
   * The details every network measurement carries.
   *
   * @return a modifiable map: architecture, input, batch, steps and the step times
   */
  static Map<String, Object> details(
      NetworkItem item, int steps, double median, double min, double max) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("architecture", item.architecture());
    details.put("input", item.channels() + "x" + item.side() + "x" + item.side());
    details.put("batch", item.batch());
    details.put("memoryFormat", item.memoryFormat().id());
    details.put("steps", steps);
    details.put("medianSeconds", median);
    details.put("minSeconds", min);
    details.put("maxSeconds", max);
    return details;
  }

  private static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /**
   * The item's batches, made before any step so that no step (and no profile) includes making one.
   */
  private static List<Batch> batches(ModelTrainer trainer, NetworkItem item) {
    int total = item.warmup() + item.steps();
    List<Batch> batches = new ArrayList<>();
    for (int index = 0; index < total; index++) {
      batches.add(randomBatch(trainer.manager(), item, index, total));
    }
    return batches;
  }

  private static List<Double> trainingSteps(
      ModelTrainer trainer, NetworkItem item, List<Batch> made) {
    List<Double> seconds = new ArrayList<>();
    long[] started = new long[1];
    Iterator<Batch> batches =
        new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < made.size();
          }

          @Override
          public Batch next() {
            started[0] = System.nanoTime();
            return made.get(next++);
          }
        };
    trainer.trainEpoch(
        batches,
        (epoch, step, loss, accuracy, rate) -> {
          if (step >= item.warmup()) {
            seconds.add((System.nanoTime() - started[0]) / 1e9);
          }
        });
    return seconds;
  }

  private static List<Double> evaluationSteps(
      ModelTrainer trainer, NetworkItem item, List<Batch> made) {
    List<Double> seconds = new ArrayList<>();
    for (int step = 0; step < made.size(); step++) {
      Batch batch = made.get(step);
      long start = System.nanoTime();
      trainer.evaluate(List.of(batch).iterator());
      if (step >= item.warmup()) {
        seconds.add((System.nanoTime() - start) / 1e9);
      }
    }
    return seconds;
  }

  private static Batch randomBatch(NDManager manager, NetworkItem item, int index, int total) {
    return randomBatch(
        manager, item.batch(), item.channels(), item.side(), item.classes(), index, total);
  }

  /**
   * A batch of random normal images and random labels in a sub-manager of {@code manager} (closing
   * the batch frees it).
   */
  static Batch randomBatch(
      NDManager manager, int batch, int channels, int side, int classes, int index, int total) {
    NDManager scope = manager.newSubManager();
    var data = scope.randomNormal(new Shape(batch, channels, side, side));
    var labels = scope.randomInteger(0, classes, new Shape(batch), DataType.INT32);
    return new Batch(scope, new NDList(data), new NDList(labels), 1, null, null, index, total);
  }
}
