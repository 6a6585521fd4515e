package dev.cosinerepro.app.e2e;

import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunTemplate;
import dev.cosinerepro.workflows.spec.ScheduleRecipe;
import java.util.List;

/** Plans small enough for a test: k = 5 images per class, two epochs, the smallest network. */
final class TinyPlans {
  private TinyPlans() {}

  static RunTemplate run(String objective) {
    return RunTemplate.builder()
        .setDataset("fashion-mnist")
        .optSamplesPerClass(5)
        .optSubsetRepeats(2)
        .optAugmentation("flip-shift")
        .setArchitecture("resnet8")
        .setLoss(objective)
        .setBatchSize(25)
        .optSchedule(ScheduleRecipe.sgdr(1, 2))
        .optEvalEvery(2)
        .build();
  }

  static PlanSpec twoLosses() {
    return new PlanSpec(
        "e2e",
        "k = 5, two epochs",
        List.of(
            GroupSpec.grid("xent", "quick", run("xent"), List.of(0.1), List.of(0L)),
            GroupSpec.grid("cosine", "quick", run("cosine"), List.of(0.05), List.of(0L)),
            GroupSpec.grid(
                "cosine-wordnet",
                "quick",
                run("cosine").withEmbedding("wordnet:fashion-mnist"),
                List.of(0.05),
                List.of(0L))),
        1);
  }
}
