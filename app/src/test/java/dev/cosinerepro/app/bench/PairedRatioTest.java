package dev.cosinerepro.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * repro against PyTorch round by round. Expected values worked out by hand from the formula in
 * {@link PairedRatio} (t(0.975, 2) = 4.303).
 */
class PairedRatioTest {

  @Test
  void anIntervalThatContainsOneShowsNoDifference() {
    // ratios 0.90, 0.95, 1.00: logs -0.10536, -0.05129, 0; mean -0.05222, sd 0.05269
    PairedRatio paired =
        PairedRatio.of(List.of(90.0, 95.0, 100.0), List.of(100.0, 100.0, 100.0)).get();

    assertThat(paired.rounds()).isEqualTo(3);
    assertThat(paired.ratio()).isCloseTo(0.94912, within(1e-5));
    assertThat(paired.low()).isCloseTo(0.83268, within(1e-5));
    assertThat(paired.high()).isCloseTo(1.08185, within(1e-5));
    assertThat(paired.verdict()).isEqualTo("no difference shown");
    assertThat(paired.markdown()).isEqualTo("0.95x [0.83x, 1.08x] no difference shown (3 rounds)");
  }

  @Test
  void pairsByRoundSoThatADriftingMachineCancelsOut() {
    // both engines slow down together by 30 % over the rounds; the ratio is 0.80, 0.82, 0.84
    PairedRatio paired =
        PairedRatio.of(List.of(80.0, 73.8, 67.2), List.of(100.0, 90.0, 80.0)).get();

    assertThat(paired.ratio()).isCloseTo(0.81984, within(1e-5));
    assertThat(paired.low()).isCloseTo(0.77163, within(1e-5));
    assertThat(paired.high()).isCloseTo(0.87106, within(1e-5));
    assertThat(paired.verdict()).isEqualTo("slower");
    // the same figures paired differently (the machine sped up for PyTorch while it slowed down
    // for repro): ratios 0.672, 0.82, 1.0, and the pairs no longer agree
    PairedRatio crossed =
        PairedRatio.of(List.of(67.2, 73.8, 80.0), List.of(100.0, 90.0, 80.0)).get();
    assertThat(crossed.verdict()).isEqualTo("no difference shown");
  }

  @Test
  void anIntervalWhollyAboveOneIsFaster() {
    PairedRatio paired =
        PairedRatio.of(List.of(120.0, 123.0, 126.0), List.of(100.0, 100.0, 100.0)).get();

    assertThat(paired.low()).isGreaterThan(1.0);
    assertThat(paired.verdict()).isEqualTo("faster");
  }

  @Test
  void oneRoundGivesTheRatioWithoutAnInterval() {
    PairedRatio paired = PairedRatio.of(List.of(90.0), List.of(100.0)).get();

    assertThat(paired.ratio()).isCloseTo(0.9, within(1e-12));
    assertThat(paired.low()).isNull();
    assertThat(paired.markdown()).isEqualTo("0.90x (one round: no interval)");
  }

  @Test
  void unequalRoundsOrNoReferenceLeaveNothingToPair() {
    assertThat(PairedRatio.of(List.of(90.0, 91.0), List.of(100.0))).isEmpty();
    assertThat(PairedRatio.of(List.of(90.0), List.of())).isEmpty();
  }

  @Test
  void theBenchTableGivesBothTheBestFiguresAndThePairedRatio() {
    List<Measurement> measurements = new ArrayList<>();
    double[][] rounds = {{90, 100}, {95, 100}, {100, 100}};
    for (double[] round : rounds) {
      measurements.add(measurement("repro", round[0]));
      measurements.add(measurement(BenchReport.PYTORCH, round[1]));
    }
    measurements.add(
        new Measurement("plan.overhead", "repro", 0.02, Measurement.SHARE, 1, Map.of()));
    BenchReport report =
        new BenchReport(Map.of("processors", 2), "repro bench", "now", measurements);

    BenchReport.Row row = report.rows().get(0);
    assertThat(row.repro()).isEqualTo(100.0);
    assertThat(row.pytorch()).isEqualTo(100.0);
    assertThat(row.ratio()).contains(1.0);
    assertThat(report.table())
        .contains(
            "| train.resnet20 | 2 | 100.0 | 100.0 | 1.00x | 0.95x [0.83x, 1.08x] no difference"
                + " shown (3 rounds) |")
        .contains("| plan.overhead | 1 | 2.0 % |  |  |  |");
  }

  private static Measurement measurement(String engine, double imagesPerSecond) {
    return new Measurement(
        "train.resnet20", engine, imagesPerSecond, Measurement.IMAGES_PER_SECOND, 2, Map.of());
  }
}
