package dev.cosinerepro.app.e2e;

import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunSpec;
import java.util.List;

/** Plans small enough for a test: k = 5 images per class, two epochs, the smallest network. */
final class TinyPlans {
  private TinyPlans() {}

  static RunSpec run(String objective, double learningRate) {
    return new RunSpec(
        "fashion-mnist",
        5,
        0,
        2,
        "resnet8",
        objective,
        "onehot",
        learningRate,
        1e-6,
        1,
        2,
        0,
        25,
        "flip-shift",
        2,
        0);
  }

  static PlanSpec twoLosses() {
    return new PlanSpec(
        "e2e",
        "k = 5, two epochs",
        List.of(
            GroupSpec.grid("xent", "quick", run("xent", 0.1), List.of(0.1), List.of(0L)),
            GroupSpec.grid("cosine", "quick", run("cosine", 0.05), List.of(0.05), List.of(0L)),
            GroupSpec.grid(
                "cosine-wordnet",
                "quick",
                run("cosine", 0.05).withEmbedding("wordnet:fashion-mnist"),
                List.of(0.05),
                List.of(0L))),
        1);
  }
}
