package dev.cosinerepro.workflows;

import dev.cosinerepro.workflows.spec.PreparedData;
import dev.cosinerepro.workflows.spec.RunSpec;
import java.util.List;

/** Small specs and data records for tests. */
public final class Fixtures {
  private Fixtures() {}

  /** A run of {@code 3 * (2^cycles - 1)} epochs. */
  public static RunSpec run(int samplesPerClass, String objective, int cycles) {
    return new RunSpec(
        "fashion-mnist",
        samplesPerClass,
        0,
        1,
        "resnet8",
        objective,
        "onehot",
        0.1,
        1e-6,
        cycles,
        3,
        0,
        10,
        "none",
        1,
        7);
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
