package dev.cosinerepro.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointIndexTest {

  @TempDir static Path serverFolder;
  static LocalS3 s3;
  static ObjectStore store;

  @BeforeAll
  static void startServer() throws Exception {
    s3 = LocalS3.start(serverFolder);
    store = ObjectStore.connect(s3.settings("checkpoints"));
  }

  @AfterAll
  static void stopServer() throws Exception {
    store.close();
    s3.close();
  }

  @Test
  void theLatestCompleteCheckpointIsTheHighestEpochWithAManifest() {
    writeCheckpoint("run-a", 1, true);
    writeCheckpoint("run-a", 2, true);
    writeCheckpoint("run-a", 10, true);
    writeCheckpoint("run-a", 11, false); // upload interrupted before the manifest

    assertThat(CheckpointIndex.latestComplete(store, "run-a")).isEqualTo(OptionalInt.of(10));
  }

  @Test
  void aRunWithoutCompleteCheckpointsHasNone() {
    writeCheckpoint("run-b", 1, false);

    assertThat(CheckpointIndex.latestComplete(store, "run-b")).isEmpty();
    assertThat(CheckpointIndex.latestComplete(store, "never-ran")).isEmpty();
  }

  @Test
  void anotherRunWithACommonPrefixDoesNotCount() {
    writeCheckpoint("run-c", 3, true);
    writeCheckpoint("run-cc", 9, true);

    assertThat(CheckpointIndex.latestComplete(store, "run-c")).isEqualTo(OptionalInt.of(3));
  }

  private static void writeCheckpoint(String runId, int epoch, boolean complete) {
    store.putIfAbsent(StoreKeys.checkpointData(runId, epoch), new byte[] {1, 2, 3}, null);
    if (complete) {
      store.putIfAbsent(
          StoreKeys.checkpointManifest(runId, epoch), "{}".getBytes(), "application/json");
    }
  }
}
