package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.RateOutcome;
import dev.cosinerepro.workflows.spec.RunTemplate;
import dev.cosinerepro.workflows.spec.ScheduleRecipe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Hand-made group outcomes for the report tests. */
final class Outcomes {
  private Outcomes() {}

  /** A run spec on the paper's schedule (5 SGDR cycles of 12 epochs = 372 epochs). */
  static RunTemplate paperRun(String dataset, int k, String objective, String embedding) {
    RunTemplate.Builder run =
        RunTemplate.builder()
            .setDataset(dataset)
            .optSamplesPerClass(k)
            .setLoss(objective)
            .optEmbedding(embedding);
    return "cifar100".equals(dataset)
        ? run.setArchitecture("resnet110-wide")
            .setBatchSize(100)
            .optWeightDecay(4e-4)
            .optAugmentation("flip-shift")
            .build()
        : run.setArchitecture("resnet50")
            .setBatchSize(96)
            .optAugmentation("crop-flip-erase")
            .optImageSides(512, 448)
            .build();
  }

  /** A short run (3 epochs). */
  static RunTemplate shortRun(String dataset, int k, String objective, String embedding) {
    return template(dataset, k, "resnet20", objective, embedding, 50, ScheduleRecipe.sgdr(1, 3));
  }

  private static RunTemplate template(
      String dataset,
      int k,
      String network,
      String objective,
      String embedding,
      int batch,
      ScheduleRecipe schedule) {
    return RunTemplate.builder()
        .setDataset(dataset)
        .optSamplesPerClass(k)
        .setArchitecture(network)
        .setLoss(objective)
        .optEmbedding(embedding)
        .setBatchSize(batch)
        .optSchedule(schedule)
        .build();
  }

  /**
   * A rate whose seeds all finished, with the given best and final accuracies per seed; means and
   * sample standard deviations are computed.
   */
  static RateOutcome rate(double lr, double[] best, double[] last) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < best.length; i++) {
      ids.add(String.format("r-%s-%d-%d", lr, i, Arrays.hashCode(best) & 0xffff));
    }
    return new RateOutcome(
        lr,
        ids,
        Stats.mean(best),
        Stats.mean(last),
        Stats.sampleSd(best),
        Stats.sampleSd(last),
        best.length,
        0,
        null);
  }

  /** A rate dropped by successive halving. */
  static RateOutcome dropped(double lr, int seeds, int atEpoch, double accuracy) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < seeds; i++) {
      ids.add("dropped-" + lr + "-" + i);
    }
    return new RateOutcome(lr, ids, null, null, null, null, 0, atEpoch, accuracy);
  }

  /** A group choosing the rate with the highest mean best. */
  static GroupOutcome group(String name, String table, RunTemplate spec, RateOutcome... rates) {
    Double chosen = null;
    double best = Double.NEGATIVE_INFINITY;
    for (RateOutcome rate : rates) {
      if (rate.meanBest() != null && rate.meanBest() > best) {
        best = rate.meanBest();
        chosen = rate.learningRate();
      }
    }
    return new GroupOutcome(name, table, spec, List.of(rates), chosen, 0, List.of());
  }

  /** A group with one rate and one seed. */
  static GroupOutcome single(String table, RunTemplate spec, double best, double last) {
    return group(
        table
            + "/"
            + spec.dataset()
            + "/"
            + spec.loss()
            + "/"
            + spec.embedding()
            + "/"
            + spec.samplesPerClass(),
        table,
        spec,
        rate(0.1, new double[] {best}, new double[] {last}));
  }

  static double[] values(double... values) {
    return values;
  }
}
