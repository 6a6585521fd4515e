package dev.cosinerepro.activities.training;

import dev.cosinerepro.workflows.spec.TrainingHeartbeat;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Live training series for Prometheus, tagged by run: {@code repro_training_epoch}, {@code
 * repro_training_loss}, {@code repro_training_accuracy}, {@code repro_learning_rate}, {@code
 * repro_test_accuracy}, {@code repro_images_per_second} (the current epoch's pace, step by step),
 * {@code repro_training_epoch_progress} (epochs done, the current one by its fraction of steps),
 * {@code repro_training_eta_seconds} (to the schedule's last step at the current pace), and the
 * counters {@code repro_training_steps_total} and {@code repro_training_images_total}.
 */
public final class TrainingMetrics {
  private final MeterRegistry registry;
  private final Map<String, RunSeries> runs = new ConcurrentHashMap<>();

  /** Creates the series on a registry. */
  public TrainingMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The series of one run, created on first use. */
  public RunSeries run(String runId, String dataset, String objective, int samplesPerClass) {
    return runs.computeIfAbsent(
        runId,
        id ->
            new RunSeries(
                registry,
                Tags.of(
                    "run", id,
                    "dataset", dataset,
                    "objective", objective,
                    "k", Integer.toString(samplesPerClass))));
  }

  /** The series of one run. */
  public static final class RunSeries {
    private final AtomicReference<Double> epoch = new AtomicReference<>(0.0);
    private final AtomicReference<Double> loss = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> accuracy = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> learningRate = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> testAccuracy = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> imagesPerSecond = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> epochProgress = new AtomicReference<>(0.0);
    private final AtomicReference<Double> secondsLeft = new AtomicReference<>(Double.NaN);
    private final Counter steps;
    private final Counter images;

    RunSeries(MeterRegistry registry, Tags tags) {
      gauge(registry, "repro.training.epoch", "Epochs completed", tags, epoch);
      gauge(registry, "repro.training.loss", "Training loss of the latest step", tags, loss);
      gauge(
          registry,
          "repro.training.accuracy",
          "Training accuracy of the latest step",
          tags,
          accuracy);
      gauge(
          registry,
          "repro.learning.rate",
          "Learning rate of the current epoch",
          tags,
          learningRate);
      gauge(
          registry,
          "repro.test.accuracy",
          "Test accuracy of the latest evaluation",
          tags,
          testAccuracy);
      gauge(
          registry,
          "repro.images.per.second",
          "Training images per second of the current epoch so far",
          tags,
          imagesPerSecond);
      gauge(
          registry,
          "repro.training.epoch.progress",
          "Epochs done, the current one by its fraction of steps",
          tags,
          epochProgress);
      gauge(
          registry,
          "repro.training.eta.seconds",
          "Seconds to the schedule's last step at the current pace",
          tags,
          secondsLeft);
      steps = Counter.builder("repro.training.steps").tags(tags).register(registry);
      images = Counter.builder("repro.training.images").tags(tags).register(registry);
    }

    private static void gauge(
        MeterRegistry registry,
        String name,
        String help,
        Tags tags,
        AtomicReference<Double> value) {
      Gauge.builder(name, value, AtomicReference::get)
          .description(help)
          .tags(tags)
          .register(registry);
    }

    /** Records one training step: its heartbeat and its batch accuracy. */
    public void step(TrainingHeartbeat beat, double stepAccuracy) {
      loss.set(beat.loss());
      accuracy.set(stepAccuracy);
      learningRate.set(beat.learningRate());
      imagesPerSecond.set(beat.imagesPerSecond());
      epochProgress.set(beat.epochsDone());
      Double left = beat.secondsLeft();
      secondsLeft.set(left == null ? Double.NaN : left);
      steps.increment();
    }

    /** Records a finished epoch. */
    public void epoch(int completedEpochs, long epochImages, double throughput, Double test) {
      epoch.set((double) completedEpochs);
      epochProgress.set((double) completedEpochs);
      images.increment(epochImages);
      imagesPerSecond.set(throughput);
      if (test != null) {
        testAccuracy.set(test);
      }
    }
  }
}
