package dev.cosinerepro.app.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.S3Settings;
import dev.cosinerepro.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedS3Test {

  static final S3Credentials CREDENTIALS = new S3Credentials("STACKTEST", "stack-test-secret");

  @TempDir Path folder;

  @Test
  void objectsSurviveARestartOnTheSameFolder() {
    Path store = folder.resolve("s3");
    try (EmbeddedS3 s3 = EmbeddedS3.start(store, CREDENTIALS, 0);
        ObjectStore objects = ObjectStore.connect(settings(s3))) {
      assertThat(s3.endpoint()).isEqualTo("http://127.0.0.1:" + s3.port());
      assertThat(Loopback.boundToLoopbackOnly(s3.port())).isTrue();
      objects.put("runs/r1/result.json", bytes("{\"top1\":0.5}"), "application/json");
    }

    try (EmbeddedS3 again = EmbeddedS3.start(store, CREDENTIALS, 0);
        ObjectStore objects = ObjectStore.connect(settings(again))) {
      assertThat(objects.get("runs/r1/result.json"))
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("{\"top1\":0.5}")));
      assertThat(objects.list("runs/")).containsExactly("runs/r1/result.json");
    }
    assertThat(store.resolve("repro/runs/r1/result.json")).isRegularFile();
  }

  @Test
  void otherCredentialsAreRejected() {
    try (EmbeddedS3 s3 = EmbeddedS3.start(folder, CREDENTIALS, 0)) {
      S3Settings wrong = new S3Settings(s3.endpoint(), "STACKTEST", "guessed", "repro");

      assertThatThrownBy(() -> ObjectStore.connect(wrong))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("rejected the access key");
    }
  }

  @Test
  void aTakenPortGetsOneClearSentence() {
    try (EmbeddedS3 s3 = EmbeddedS3.start(folder, CREDENTIALS, 0)) {
      assertThatThrownBy(() -> EmbeddedS3.start(folder, CREDENTIALS, s3.port()))
          .isInstanceOf(StackException.class)
          .hasMessageStartingWith("Cannot start the embedded S3 server on 127.0.0.1:" + s3.port())
          .message()
          .doesNotContain("\n");
    }
  }

  private static S3Settings settings(EmbeddedS3 s3) {
    return new S3Settings(s3.endpoint(), CREDENTIALS.accessKey(), CREDENTIALS.secretKey(), "repro");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
