package dev.cosinerepro.activities.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatsAndFormatTest {

  @Test
  void meanAndSampleStandardDeviation() {
    assertThat(Stats.mean(0.62, 0.66)).isCloseTo(0.64, within(1e-12));
    assertThat(Stats.sampleSd(0.62, 0.66)).isCloseTo(0.028284271, within(1e-9));
    assertThat(Stats.sampleSd(0.5)).isZero();
    assertThatThrownBy(Stats::mean).hasMessageContaining("no values");
  }

  @Test
  void relativeDifferenceIsAgainstTheReference() {
    assertThat(Stats.relativeDifference(67.6, 51.9)).isCloseTo(0.3025, within(1e-4));
    assertThat(Format.relative(Stats.relativeDifference(67.6, 51.9))).isEqualTo("+30.3 %");
    assertThat(Format.relative(-0.031)).isEqualTo("−3.1 %");
    assertThat(Format.relative(null)).isEqualTo("—");
    assertThatThrownBy(() -> Stats.relativeDifference(0.5, 0)).hasMessageContaining("not positive");
  }

  @Test
  void percentWithTwoDecimalsAndSdOnlyForSeveralRuns() {
    assertThat(Format.percent(0.67123)).isEqualTo("67.12");
    assertThat(Format.meanSd(0.67123, 0.004, 3)).isEqualTo("67.12 ± 0.40");
    assertThat(Format.meanSd(0.67123, 0.0, 1)).isEqualTo("67.12");
    assertThat(Format.meanSd(null, null, 0)).isEqualTo("—");
    assertThat(Format.paper(67.6)).isEqualTo("67.6");
    assertThat(Format.rate(1.0)).isEqualTo("1");
    assertThat(Format.rate(0.05)).isEqualTo("0.05");
  }

  @Test
  void paperNumbersKeepTheTablesAsPublished() {
    assertThat(PaperNumbers.table2(Method.COSINE, "cub200")).contains(67.6);
    assertThat(PaperNumbers.table2(Method.XENT, "cifar100")).contains(77.0);
    assertThat(PaperNumbers.table2(Method.COSINE_SEMANTIC, "cars")).isEmpty();
    assertThat(PaperNumbers.table2(Method.XENT, "fashion-mnist")).isEmpty();
    assertThat(PaperNumbers.table3("cub-deep", "cosine+xent")).contains(70.4);
    assertThat(PaperNumbers.table3("cub-wikispecies", "cosine")).contains(61.6);
    assertThat(PaperNumbers.of("table3", Outcomes.paperRun("nabirds", 0, "cosine", "onehot")))
        .isEmpty();
    assertThat(PaperNumbers.of("fig3", Outcomes.paperRun("cub200", 5, "cosine", "onehot")))
        .isEmpty();
  }
}
