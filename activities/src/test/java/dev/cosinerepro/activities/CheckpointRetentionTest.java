package dev.cosinerepro.activities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.activities.training.CheckpointRetention;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.RunTemplate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CheckpointRetentionTest {

  @Test
  void keepsTheLatestTwoAndEveryCycleEnd() {
    RunSpec paper =
        RunTemplate.builder()
            .setDataset("cub200")
            .setArchitecture("resnet50")
            .setLoss("cosine")
            .setBatchSize(96)
            .build()
            .run(0.5, 0);
    assertThat(IntStream.rangeClosed(1, 372).filter(e -> CheckpointRetention.isCycleEnd(paper, e)))
        .containsExactly(12, 36, 84, 180, 372);
    assertThat(IntStream.rangeClosed(1, 100).filter(e -> CheckpointRetention.keep(paper, 100, e)))
        .containsExactly(12, 36, 84, 99, 100);
  }
}
