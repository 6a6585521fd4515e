package dev.cosinerepro.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cosinerepro.app.bench.OperatorTimes.OperatorTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Self times from a Chrome trace of libtorch's legacy profiler, and the side-by-side table. */
class OperatorTimesTest {
  @TempDir Path dir;

  /**
   * Thread 1: A [0, 100] calls B [10, 40] (which calls C [20, 30]) and D [50, 60]; a second A [100,
   * 120] starts where the first ends (a sibling, not a child). Thread 2: E [0, 50], alone.
   */
  private static final String TRACE =
      """
      [
      {"name": "A", "ph": "X", "ts": 0, "dur": 100, "tid": 1, "pid": "CPU Functions", "args": {}},
      {"name": "C", "ph": "X", "ts": 20, "dur": 10, "tid": 1, "pid": "CPU Functions", "args": {}},
      {"name": "B", "ph": "X", "ts": 10, "dur": 30, "tid": 1, "pid": "CPU Functions", "args": {}},
      {"name": "D", "ph": "X", "ts": 50, "dur": 10, "tid": 1, "pid": "CPU Functions", "args": {}},
      {"name": "A", "ph": "X", "ts": 100, "dur": 20, "tid": 1, "pid": "CPU Functions", "args": {}},
      {"name": "E", "ph": "X", "ts": 0, "dur": 50, "tid": 2, "pid": "CPU Functions", "args": {}},
      {"name": "flow", "ph": "s", "ts": 0, "tid": 1, "pid": "CPU Functions"}
      ]
      """;

  @Test
  void selfTimeIsTheDurationLessTheDirectChildren() throws IOException {
    Path trace = Files.writeString(dir.resolve("trace.json"), TRACE);

    OperatorTimes times = OperatorTimes.read(trace, 2, 400e-6);

    Map<String, Double> self =
        Map.of("A", (60.0 + 20) / 2, "B", 20.0 / 2, "C", 10.0 / 2, "D", 10.0 / 2, "E", 50.0 / 2);
    assertThat(times.operators()).hasSize(5);
    for (OperatorTime operator : times.operators()) {
      assertThat(operator.selfMillisPerStep() * 1e3)
          .as(operator.operator())
          .isCloseTo(self.get(operator.operator()), within(1e-9));
    }
    assertThat(times.operators().get(0).operator()).isEqualTo("A");
    assertThat(times.operators().get(0).callsPerStep()).isEqualTo(1.0);
    // inside: the top-level events A, A and E = 170 us over 2 steps
    assertThat(times.insideMillisPerStep()).isCloseTo(0.085, within(1e-12));
    assertThat(times.wallMillisPerStep()).isCloseTo(0.2, within(1e-12));
    assertThat(times.outsideMillisPerStep()).isCloseTo(0.115, within(1e-12));
    // the self times add up to the time inside operators
    double sum = times.operators().stream().mapToDouble(OperatorTime::selfMillisPerStep).sum();
    assertThat(sum).isCloseTo(times.insideMillisPerStep(), within(1e-12));
  }

  @Test
  void aFileThatIsNoTraceIsNamed() throws IOException {
    Path trace = Files.writeString(dir.resolve("broken.json"), "{\"traceEvents\": ");

    assertThatThrownBy(() -> OperatorTimes.read(trace, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("broken.json is not a Chrome trace");
  }

  @Test
  void theTableSetsTheTwoSidesBesideEachOther() {
    OperatorTimes repro =
        new OperatorTimes(
            List.of(new OperatorTime("aten::mkldnn_convolution", 6.0, 19), op("aten::mul", 2.0)),
            8.0,
            9.0,
            4);
    OperatorTimes pytorch =
        new OperatorTimes(
            List.of(new OperatorTime("aten::mkldnn_convolution", 4.0, 19), op("aten::addmm", 0.5)),
            4.5,
            5.0,
            4);
    Measurement ours =
        new Measurement("train.resnet20", "repro", 1, Measurement.IMAGES_PER_SECOND, 2, Map.of())
            .withDetail(OperatorTimes.DETAIL, repro);
    Measurement theirs =
        new Measurement(
                "train.resnet20",
                BenchReport.PYTORCH,
                1,
                Measurement.IMAGES_PER_SECOND,
                2,
                Map.of())
            .withDetail(OperatorTimes.DETAIL, pytorch);

    String table =
        new BenchReport(Map.of(), "repro bench", "now", List.of(ours, theirs)).profileTables();

    assertThat(table)
        .contains("train.resnet20, milliseconds per step")
        .contains("| aten::mkldnn_convolution | 6.00 | 19 | 4.00 | 19 | 1.50x |")
        .contains("| aten::mul | 2.00 | 1 |  |  |  |")
        .contains("| aten::addmm |  |  | 0.50 | 1 |  |")
        .contains("| **inside operators** | 8.00 |  | 4.50 |  | 1.78x |")
        .contains(
            "| **outside operators** (Java and JNI / Python, profiler) | 1.00 |  | 0.50 |  | 2.00x |")
        .contains("| **wall time of a profiled step** | 9.00 |  | 5.00 |  | 1.80x |");
    assertThat(table.indexOf("aten::mkldnn_convolution")).isLessThan(table.indexOf("aten::mul"));
    assertThat(table.indexOf("aten::mul")).isLessThan(table.indexOf("aten::addmm"));
    assertThat(new BenchReport(Map.of(), "repro bench", "now", List.of()).profileTables())
        .isEmpty();
  }

  private static OperatorTime op(String name, double millis) {
    return new OperatorTime(name, millis, 1);
  }
}
