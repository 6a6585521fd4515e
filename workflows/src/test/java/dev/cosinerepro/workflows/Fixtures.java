package dev.cosinerepro.workflows;

import dev.cosinerepro.workflows.spec.PreparedData;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.RunTemplate;
import dev.cosinerepro.workflows.spec.ScheduleRecipe;
import java.util.List;

/** Small specs and data records for tests. */
public final class Fixtures {
  private Fixtures() {}

  /** A run of {@code 3 * (2^cycles - 1)} epochs. */
  public static RunSpec run(int samplesPerClass, String objective, int cycles) {
    return template(samplesPerClass, objective, cycles).run(0.1, 7);
  }

  /** The template of {@link #run}: subset seed 0, rate and seed per run. */
  public static RunTemplate template(int samplesPerClass, String objective, int cycles) {
    return RunTemplate.builder()
        .setDataset("fashion-mnist")
        .optSamplesPerClass(samplesPerClass)
        .optSubsetSeed(0)
        .setArchitecture("resnet8")
        .setLoss(objective)
        .setBatchSize(10)
        .optSchedule(ScheduleRecipe.sgdr(cycles, 3))
        .build();
  }

  /** A prepared-data record pointing at made-up keys. */
  public static PreparedData data() {
    return new PreparedData(
        PreparedData.Source.ARRAYS,
        "datasets/x/v1/train.shard",
        "datasets/x/v1/test.shard",
        List.of("a", "b"),
        1,
        8,
        8,
        10,
        20,
        List.of(127.0),
        List.of(60.0));
  }
}
