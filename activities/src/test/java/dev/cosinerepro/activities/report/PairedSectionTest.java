package dev.cosinerepro.activities.report;

import static dev.cosinerepro.activities.report.Outcomes.group;
import static dev.cosinerepro.activities.report.Outcomes.rate;
import static dev.cosinerepro.activities.report.Outcomes.shortRun;
import static dev.cosinerepro.activities.report.Outcomes.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.RunResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Methods against cross-entropy and semantic embeddings against one-hot, paired by seed, with
 * Student-t intervals computed by hand.
 */
class PairedSectionTest {

  /** A group whose chosen rate ran the given seeds with these best and final accuracies. */
  private static GroupOutcome seeded(
      String name, String objective, double[] best, double[] last, Map<String, RunResult> out) {
    return seeded(name, objective, "onehot", best, last, out);
  }

  /** The same with a class embedding. */
  private static GroupOutcome seeded(
      String name,
      String objective,
      String embedding,
      double[] best,
      double[] last,
      Map<String, RunResult> out) {
    GroupOutcome group =
        group(
            name,
            "fig3",
            shortRun("fashion-mnist", 10, objective, embedding),
            rate(rateOf(objective), best, last));
    List<String> ids = group.rates().get(0).runIds();
    for (int seed = 0; seed < ids.size(); seed++) {
      String id = ids.get(seed);
      out.put(
          id,
          new RunResult(
              id,
              group.template().run(rateOf(objective), seed),
              best[seed],
              3,
              last[seed],
              3,
              1.0));
    }
    return group;
  }

  /** Each objective at its own rate, so the fixtures' run ids differ. */
  private static double rateOf(String objective) {
    return "xent".equals(objective) ? 0.1 : 0.05;
  }

  @Test
  void aConsistentGainHasAnIntervalAboveZero() {
    Map<String, RunResult> results = new HashMap<>();
    GroupOutcome xent =
        seeded("x", "xent", values(0.50, 0.60, 0.70), values(0.5, 0.6, 0.7), results);
    GroupOutcome cosine =
        seeded("c", "cosine", values(0.55, 0.66, 0.74), values(0.5, 0.6, 0.7), results);

    PairedDifference difference =
        PairedSection.of(List.of(xent, cosine), results).differences().get(0);

    // d = 0.05, 0.06, 0.04: mean 0.05, sd 0.01, half width 4.303 * 0.01 / sqrt(3) = 0.024843
    assertThat(difference.seeds()).isEqualTo(3);
    assertThat(difference.method()).isEqualTo(Method.COSINE);
    assertThat(difference.best().mean()).isCloseTo(0.05, within(1e-12));
    assertThat(difference.best().low()).isCloseTo(0.05 - 0.024843, within(1e-6));
    assertThat(difference.best().high()).isCloseTo(0.05 + 0.024843, within(1e-6));
    assertThat(difference.verdict()).isEqualTo("ahead of cross-entropy");
    assertThat(difference.last().mean()).isCloseTo(0, within(1e-12));
    assertThat(difference.last().verdict("cross-entropy")).isEqualTo("no difference shown");
  }

  @Test
  void aNoisyDifferenceIsNoDifferenceShownAndOneSeedHasNoInterval() {
    Map<String, RunResult> results = new HashMap<>();
    GroupOutcome xent = seeded("x", "xent", values(0.50, 0.60), values(0.5, 0.6), results);
    GroupOutcome cosine = seeded("c", "cosine", values(0.60, 0.55), values(0.6, 0.55), results);
    PairedDifference noisy = PairedSection.of(List.of(xent, cosine), results).differences().get(0);
    assertThat(noisy.verdict()).isEqualTo("no difference shown");

    Map<String, RunResult> single = new HashMap<>();
    GroupOutcome x1 = seeded("x", "xent", values(0.5), values(0.5), single);
    GroupOutcome c1 = seeded("c", "cosine", values(0.7), values(0.7), single);
    PairedSection section = PairedSection.of(List.of(x1, c1), single);
    assertThat(section.differences().get(0).best().low()).isNull();
    assertThat(section.markdown())
        .contains("| c | x | 1 | +20.00 | +20.00 | one seed: no interval |");
  }

  @Test
  void aSemanticEmbeddingIsComparedWithCrossEntropyAndWithOneHot() {
    Map<String, RunResult> results = new HashMap<>();
    GroupOutcome xent =
        seeded("x", "xent", values(0.50, 0.60, 0.70), values(0.5, 0.6, 0.7), results);
    GroupOutcome oneHot =
        seeded("c", "cosine", values(0.55, 0.66, 0.74), values(0.55, 0.66, 0.74), results);
    GroupOutcome semantic =
        seeded(
            "s",
            "cosine",
            "wordnet:fashion-mnist",
            values(0.53, 0.63, 0.73),
            values(0.53, 0.63, 0.73),
            results);

    List<PairedDifference> differences =
        PairedSection.of(List.of(xent, oneHot, semantic), results).differences();

    assertThat(differences)
        .extracting(PairedDifference::group, PairedDifference::reference)
        .containsExactly(tuple("c", "x"), tuple("s", "x"), tuple("s", "c"));
    PairedDifference againstXent = differences.get(1);
    // d = 0.03, 0.03, 0.03: no spread, so the interval is the point
    assertThat(againstXent.method()).isEqualTo(Method.COSINE_SEMANTIC);
    assertThat(againstXent.best().mean()).isCloseTo(0.03, within(1e-12));
    assertThat(againstXent.verdict()).isEqualTo("ahead of cross-entropy");
    PairedDifference againstOneHot = differences.get(2);
    // d = -0.02, -0.03, -0.01: mean -0.02, sd 0.01, half width 0.024843
    assertThat(againstOneHot.referenceMethod()).isEqualTo(Method.COSINE);
    assertThat(againstOneHot.best().mean()).isCloseTo(-0.02, within(1e-12));
    assertThat(againstOneHot.best().high()).isCloseTo(-0.02 + 0.024843, within(1e-6));
    assertThat(againstOneHot.verdict()).isEqualTo("no difference shown");
    assertThat(againstOneHot.best().verdict("one-hot cosine")).isEqualTo("no difference shown");
    // a clear loss against one-hot is named as such
    Map<String, RunResult> worse = new HashMap<>();
    GroupOutcome c2 =
        seeded("c", "cosine", values(0.55, 0.66, 0.74), values(0.55, 0.66, 0.74), worse);
    GroupOutcome s2 =
        seeded(
            "s",
            "cosine",
            "wordnet:fashion-mnist",
            values(0.50, 0.60, 0.70),
            values(0.5, 0.6, 0.7),
            worse);
    assertThat(PairedSection.of(List.of(c2, s2), worse).differences())
        .singleElement()
        .extracting(PairedDifference::verdict)
        .isEqualTo("behind one-hot cosine");
  }

  @Test
  void tQuantilesFollowTheTableAndTheExpansion() {
    assertThat(Stats.studentT975(2)).isEqualTo(4.303);
    assertThat(Stats.studentT975(30)).isEqualTo(2.042);
    assertThat(Stats.studentT975(60)).isCloseTo(2.000, within(0.001));
    assertThat(Stats.studentT975(1000)).isCloseTo(1.962, within(0.001));
  }
}
