package dev.cosinerepro.app.e2e;

import dev.cosinerepro.activities.data.DatasetCatalog;
import dev.cosinerepro.datasets.catalog.FashionMnist;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunTemplate;
import dev.cosinerepro.workflows.spec.ScheduleRecipe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Small plans and the dataset catalog for the secrets and fault tests. */
final class FaultPlans {
  private FaultPlans() {}

  /** One group, one run of {@code epochs} one-epoch chunks (k = 5, ResNet-8, cross-entropy). */
  static PlanSpec oneRun(String name, double rate, int epochs) {
    return runs(name, List.of(rate), epochs);
  }

  /** One group with one run per rate, each of {@code epochs} one-epoch chunks. */
  static PlanSpec runs(String name, List<Double> rates, int epochs) {
    RunTemplate template =
        RunTemplate.builder()
            .setDataset("fashion-mnist")
            .optSamplesPerClass(5)
            .optSubsetRepeats(1)
            .optAugmentation("flip-shift")
            .setArchitecture("resnet8")
            .setLoss("xent")
            .setBatchSize(25)
            .optSchedule(ScheduleRecipe.sgdr(1, epochs))
            .optEvalEvery(epochs)
            .build();
    return new PlanSpec(
        name, "fault test", List.of(GroupSpec.grid("g", "quick", template, rates, List.of(0L))), 1);
  }

  /** Writes the stand-in dataset (small and fast to load, unlike the real one). */
  static void ensureData(Path home) throws IOException {
    FashionMnistFixture.writeStandIn(home);
  }

  /** The stand-in Fashion-MNIST under {@code home}. */
  static DatasetCatalog catalog(Path home) {
    return DatasetCatalog.of(
        Map.of(
            "fashion-mnist",
            split -> FashionMnist.load(home.resolve("datasets").resolve("fashion-mnist"), split)));
  }
}
