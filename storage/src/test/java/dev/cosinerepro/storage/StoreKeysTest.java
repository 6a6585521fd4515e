package dev.cosinerepro.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class StoreKeysTest {

  @Test
  void runKeysFollowTheLayout() {
    assertThat(StoreKeys.runSpec("abc123")).isEqualTo("runs/abc123/spec.json");
    assertThat(StoreKeys.checkpointData("abc123", 7))
        .isEqualTo("runs/abc123/checkpoints/0007/model.bin");
    assertThat(StoreKeys.checkpointManifest("abc123", 120))
        .isEqualTo("runs/abc123/checkpoints/0120/manifest.json");
    assertThat(StoreKeys.epochMetrics("abc123", 3))
        .isEqualTo("runs/abc123/metrics/epoch-0003.json");
    assertThat(StoreKeys.metricsLog("abc123")).isEqualTo("runs/abc123/metrics.jsonl");
    assertThat(StoreKeys.runResult("abc123")).isEqualTo("runs/abc123/result.json");
    assertThat(StoreKeys.checkpointsPrefix("abc123")).isEqualTo("runs/abc123/checkpoints/");
  }

  @Test
  void planAndDatasetKeysFollowTheLayout() {
    assertThat(StoreKeys.report("paper-1", "report.md")).isEqualTo("plans/paper-1/report.md");
    assertThat(StoreKeys.report("paper-1", "plots/fig3.png"))
        .isEqualTo("plans/paper-1/plots/fig3.png");
    assertThat(StoreKeys.dataset("cub200", "f00d", "train.bin"))
        .isEqualTo("datasets/cub200/f00d/train.bin");
  }

  @Test
  void epochsSortInKeyOrder() {
    assertThat(StoreKeys.checkpointData("r", 10)).isGreaterThan(StoreKeys.checkpointData("r", 9));
  }

  @Test
  void rejectsBadEpochsAndSegments() {
    assertThatThrownBy(() -> StoreKeys.checkpointData("r", 10_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("epoch 10000");
    assertThatThrownBy(() -> StoreKeys.runSpec("a/b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("run id \"a/b\"");
    assertThatThrownBy(() -> StoreKeys.runSpec("..")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StoreKeys.report("p", "../escape.md"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"../escape.md\"");
    assertThatThrownBy(() -> StoreKeys.dataset("n", "f", "a//b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsTheEpochOfAManifestKeyOfTheSameRunOnly() {
    assertThat(StoreKeys.manifestEpoch("r", "runs/r/checkpoints/0042/manifest.json"))
        .isEqualTo(OptionalInt.of(42));
    assertThat(StoreKeys.manifestEpoch("r", "runs/r/checkpoints/0042/model.bin")).isEmpty();
    assertThat(StoreKeys.manifestEpoch("r", "runs/rr/checkpoints/0042/manifest.json")).isEmpty();
  }
}
