package dev.cosinerepro.app.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsStoreTest {

  @TempDir Path home;

  @Test
  void createsAnOwnerOnlyFileOnceAndReusesIt() throws Exception {
    Path dataHome = home.resolve("fresh/.repro");

    S3Credentials first = CredentialsStore.loadOrCreate(dataHome, Map.of());
    S3Credentials second = CredentialsStore.loadOrCreate(dataHome, Map.of());

    Path file = dataHome.resolve("credentials");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(second).isEqualTo(first);
    assertThat(first.accessKey()).hasSize(20);
    assertThat(first.secretKey()).hasSize(40);
    assertThat(Files.readString(file))
        .contains("REPRO_S3_ACCESS_KEY=" + first.accessKey())
        .contains("REPRO_S3_SECRET_KEY=" + first.secretKey());
    try (var files = Files.list(dataHome)) {
      assertThat(files).containsExactly(file); // no temporary file left behind
    }
  }

  @Test
  void theEnvironmentOverridesTheFile() {
    CredentialsStore.loadOrCreate(home, Map.of());

    S3Credentials fromEnv =
        CredentialsStore.loadOrCreate(
            home, Map.of("REPRO_S3_ACCESS_KEY", "envkey", "REPRO_S3_SECRET_KEY", "envsecret"));

    assertThat(fromEnv).isEqualTo(new S3Credentials("envkey", "envsecret"));
  }

  @Test
  void theEnvironmentAloneCreatesNoFile() {
    CredentialsStore.loadOrCreate(
        home, Map.of("REPRO_S3_ACCESS_KEY", "envkey", "REPRO_S3_SECRET_KEY", "envsecret"));

    assertThat(home.resolve("credentials")).doesNotExist();
  }

  @Test
  void halfTheEnvironmentIsAnError() {
    assertThatThrownBy(
            () -> CredentialsStore.loadOrCreate(home, Map.of("REPRO_S3_ACCESS_KEY", "envkey")))
        .isInstanceOf(StackException.class)
        .hasMessageStartingWith("REPRO_S3_ACCESS_KEY is set but REPRO_S3_SECRET_KEY is not");
  }

  @Test
  void aMalformedFileIsReportedAndNeverOverwritten() throws Exception {
    Path file = Files.writeString(home.resolve("credentials"), "REPRO_S3_ACCESS_KEY=only-this\n");

    assertThatThrownBy(() -> CredentialsStore.loadOrCreate(home, Map.of()))
        .isInstanceOf(StackException.class)
        .hasMessage(
            "The credentials file "
                + file.toAbsolutePath()
                + " is malformed (it needs non-empty REPRO_S3_ACCESS_KEY and REPRO_S3_SECRET_KEY"
                + " lines): fix it, or delete it to have new keys generated.");
    assertThat(file).hasContent("REPRO_S3_ACCESS_KEY=only-this\n");
  }

  @Test
  void anUnreadableFileIsReported() throws Exception {
    Files.createDirectory(home.resolve("credentials")); // unreadable as a file, even for root

    assertThatThrownBy(() -> CredentialsStore.loadOrCreate(home, Map.of()))
        .isInstanceOf(StackException.class)
        .hasMessageStartingWith("Cannot read the credentials file " + home.resolve("credentials"))
        .hasMessageEndingWith("delete it to have new keys generated.");
  }

  @Test
  void toStringHidesTheSecret() {
    assertThat(new S3Credentials("AK", "very-secret").toString())
        .contains("AK")
        .doesNotContain("very-secret");
  }
}
