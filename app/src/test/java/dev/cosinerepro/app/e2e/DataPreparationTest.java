package dev.cosinerepro.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.activities.data.DataActivitiesImpl;
import dev.cosinerepro.activities.data.DatasetCatalog;
import dev.cosinerepro.app.stack.EmbeddedS3;
import dev.cosinerepro.app.stack.S3Credentials;
import dev.cosinerepro.datasets.catalog.FashionMnist;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.S3Settings;
import dev.cosinerepro.workflows.FailureTypes;
import dev.cosinerepro.workflows.spec.DataRequest;
import dev.cosinerepro.workflows.spec.PreparedData;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data preparation against a real S3 server: idempotent, and bad dataset files destroy nothing
 * stored.
 */
class DataPreparationTest {
  private static final S3Credentials CREDENTIALS =
      new S3Credentials("DATATEST", "data-test-secret");

  @TempDir Path home;

  private ObjectStore connect(EmbeddedS3 s3) {
    return ObjectStore.connect(
        new S3Settings(s3.endpoint(), CREDENTIALS.accessKey(), CREDENTIALS.secretKey(), "repro"));
  }

  private DatasetCatalog catalogOf(Path folder) {
    return DatasetCatalog.of(Map.of("fashion-mnist", split -> FashionMnist.load(folder, split)));
  }

  @Test
  void preparingTwiceWritesOnceAndReturnsTheSameRecord() throws IOException {
    FashionMnistFixture.ensure(home);
    Path folder =
        FashionMnistFixture.realDataInstalled()
            ? FashionMnistFixture.DEBIAN
            : home.resolve("datasets").resolve("fashion-mnist");
    try (EmbeddedS3 s3 = EmbeddedS3.start(home.resolve("s3"), CREDENTIALS, 0);
        ObjectStore store = connect(s3)) {
      DataActivitiesImpl data = new DataActivitiesImpl(store, catalogOf(folder), home);
      PreparedData first = data.prepare(new DataRequest("fashion-mnist", 5, 3));
      assertThat(first.trainImages()).isEqualTo(50);
      assertThat(first.classNames()).hasSize(10);
      assertThat(first.mean()).hasSize(1);
      byte[] shard = store.get(first.trainKey()).orElseThrow();
      List<String> keys = store.list("datasets/");

      PreparedData again = data.prepare(new DataRequest("fashion-mnist", 5, 3));
      assertThat(again).isEqualTo(first);
      assertThat(store.list("datasets/")).isEqualTo(keys);
      assertThat(store.get(first.trainKey()).orElseThrow()).isEqualTo(shard);

      PreparedData larger = data.prepare(new DataRequest("fashion-mnist", 10, 3));
      assertThat(larger.testKey()).isEqualTo(first.testKey());
      assertThat(larger.trainKey()).isNotEqualTo(first.trainKey());
    }
  }

  @Test
  void aCorruptDatasetFailsForGoodAndTouchesNothingStored() throws IOException {
    Path folder = home.resolve("broken");
    Files.createDirectories(folder);
    for (String name :
        List.of(
            "train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz")) {
      Files.write(folder.resolve(name), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
    }
    try (EmbeddedS3 s3 = EmbeddedS3.start(home.resolve("s3"), CREDENTIALS, 0);
        ObjectStore store = connect(s3)) {
      byte[] sentinel = "earlier test split".getBytes(StandardCharsets.UTF_8);
      store.put("datasets/fashion-mnist/v1/test.shard", sentinel, "application/octet-stream");
      DataActivitiesImpl data = new DataActivitiesImpl(store, catalogOf(folder), home);

      assertThatThrownBy(() -> data.prepare(new DataRequest("fashion-mnist", 5, 0)))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              failure -> {
                assertThat(failure.isNonRetryable()).isTrue();
                assertThat(failure.getType()).isEqualTo(FailureTypes.INVALID_INPUT);
                assertThat(failure.getOriginalMessage()).contains("train-images-idx3-ubyte");
              });
      assertThat(store.list("datasets/")).containsExactly("datasets/fashion-mnist/v1/test.shard");
      assertThat(store.get("datasets/fashion-mnist/v1/test.shard").orElseThrow())
          .isEqualTo(sentinel);

      assertThatThrownBy(() -> data.prepare(new DataRequest("cifar-10", 5, 0)))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              failure ->
                  assertThat(failure.getOriginalMessage())
                      .isEqualTo("The dataset 'cifar-10' is not known: use one of fashion-mnist."));
    }
  }
}
