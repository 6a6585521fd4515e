package dev.cosinerepro.workflows.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.Shrinkage;
import org.junit.jupiter.api.Test;

/** Every built-in plan builds, validates and rehearses; fig3-fmnist has the shape it documents. */
class BuiltInPlansTest {

  @Test
  void everyBuiltInPlanBuildsAndRehearses() {
    assertThat(Plans.names()).containsExactly("fig3-fmnist", "paper", "quick");
    for (String name : Plans.names()) {
      PlanSpec plan = Plans.byName(name);
      assertThat(plan.groups()).as(name).isNotEmpty();
      assertThat(Rehearsal.of(plan, Shrinkage.DEFAULT).groups())
          .as(name)
          .hasSameSizeAs(plan.groups());
    }
  }

  @Test
  void fig3FashionMnistGridsFiveMethodsAndTrainsSevenSubsetSizesWithThreeSeeds() {
    PlanSpec plan = Plans.byName("fig3-fmnist");
    assertThat(plan.search()).isEqualTo("halving");
    assertThat(plan.groups()).hasSize(5 * (1 + 7));
    GroupSpec hierarchy = plan.group("fashion-mnist/k5/cosine/wordnet-fashion-mnist");
    assertThat(hierarchy.template().embedding()).isEqualTo("wordnet:fashion-mnist");
    assertThat(hierarchy.learningRateFrom())
        .isEqualTo("fashion-mnist/grid/cosine/wordnet-fashion-mnist");
    assertThat(hierarchy.seeds()).containsExactly(0L, 1L, 2L);
    assertThat(hierarchy.template().schedule().perStep()).isTrue();
    assertThat(hierarchy.template().totalEpochs()).isEqualTo(28);
    // from 50 images per class a fourth cycle: 28 epochs left k = 100 short of convergence
    assertThat(plan.group("fashion-mnist/k20/xent").template().totalEpochs()).isEqualTo(28);
    assertThat(plan.group("fashion-mnist/k50/xent").template().totalEpochs()).isEqualTo(60);
    assertThat(plan.group("fashion-mnist/k100/cosine").template().totalEpochs()).isEqualTo(60);
    assertThat(plan.group("fashion-mnist/grid/cosine").template().totalEpochs()).isEqualTo(28);
  }
}
