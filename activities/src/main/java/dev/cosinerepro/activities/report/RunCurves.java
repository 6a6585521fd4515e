package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.EpochRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** One run's training curves as three SVG charts: accuracy, loss and learning rate per epoch. */
final class RunCurves {
  private RunCurves() {}

  /**
   * The charts of one run.
   *
   * @param epochs the run's stored epochs, in order
   * @param restarts x positions of the SGDR warm restarts (epoch counts)
   * @param maxPoints the most points a curve keeps (evenly thinned, the last epoch kept)
   */
  static String charts(List<EpochRecord> epochs, List<Double> restarts, int maxPoints) {
    List<EpochRecord> kept = thin(epochs, maxPoints);
    SvgChart accuracy =
        new SvgChart("accuracy", "epoch", "accuracy (%)", false)
            .size(360, 240)
            .integerX()
            .add(series("training accuracy", 0, kept, epoch -> 100 * epoch.trainAccuracy()))
            .add(
                series(
                    "test accuracy",
                    1,
                    evaluated(epochs, maxPoints),
                    epoch -> 100 * epoch.testAccuracy()))
            .markers(restarts, "SGDR restart");
    SvgChart loss =
        new SvgChart("training loss", "epoch", "loss", false)
            .size(360, 240)
            .integerX()
            .add(series("training loss", 2, kept, EpochRecord::trainLoss))
            .markers(restarts, "SGDR restart");
    SvgChart rate =
        new SvgChart("learning rate", "epoch", "learning rate", false)
            .size(360, 240)
            .integerX()
            .add(series("learning rate", 3, kept, EpochRecord::learningRate))
            .markers(restarts, "SGDR restart");
    return accuracy.svg() + loss.svg() + rate.svg();
  }

  private static SvgChart.Series series(
      String name, int style, List<EpochRecord> epochs, Function<EpochRecord, Double> value) {
    List<SvgChart.Point> points = new ArrayList<>();
    for (EpochRecord epoch : epochs) {
      points.add(new SvgChart.Point(epoch.epoch() + 1, value.apply(epoch), 0));
    }
    return new SvgChart.Series(name, style, false, points);
  }

  private static List<EpochRecord> evaluated(List<EpochRecord> epochs, int maxPoints) {
    return thin(epochs.stream().filter(epoch -> epoch.testAccuracy() != null).toList(), maxPoints);
  }

  /** Every n-th element so that at most {@code max} remain, always keeping the last. */
  static <T> List<T> thin(List<T> items, int max) {
    if (items.size() <= max) {
      return items;
    }
    List<T> kept = new ArrayList<>();
    double step = (items.size() - 1) / (double) (max - 1);
    for (int i = 0; i < max; i++) {
      kept.add(items.get((int) Math.round(i * step)));
    }
    return kept;
  }
}
