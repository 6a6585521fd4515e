package dev.cosinerepro.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3SettingsTest {

  @Test
  void acceptsAndNormalisesAnEndpoint() {
    S3Settings settings = new S3Settings("http://127.0.0.1:9000/", "ak", "sk", "repro");

    assertThat(settings.endpoint()).isEqualTo("http://127.0.0.1:9000");
    assertThat(new S3Settings("https://minio.lab:443", "ak", "sk", "my.bucket-1").endpoint())
        .isEqualTo("https://minio.lab:443");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "127.0.0.1:9000",
        "ftp://host:21",
        "http://host",
        "http://host:0",
        "http://host:9000/path",
        "http://user:pw@host:9000",
        "http://host:9000?x=1",
        "http:// bad:9000"
      })
  void rejectsAnEndpointThatIsNotSchemeHostPort(String endpoint) {
    assertThatThrownBy(() -> new S3Settings(endpoint, "ak", "sk", "repro"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("The S3 endpoint \"" + endpoint + "\" is not valid")
        .hasMessageContaining("http://host:port");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ab", "Repro", "-repro", "repro-", "re..pro", "192.168.1.1", "re_pro", "a b c"})
  void rejectsAnInvalidBucketName(String bucket) {
    assertThatThrownBy(() -> new S3Settings("http://h:1", "ak", "sk", bucket))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bucket name \"" + bucket + "\" is not valid");
  }

  @Test
  void rejectsBlankKeysNamingTheVariable() {
    assertThatThrownBy(() -> new S3Settings("http://h:1", " ", "sk", "repro"))
        .hasMessageContaining("REPRO_S3_ACCESS_KEY");
    assertThatThrownBy(() -> new S3Settings("http://h:1", "ak", null, "repro"))
        .hasMessageContaining("REPRO_S3_SECRET_KEY");
  }

  @Test
  void toStringHidesTheSecret() {
    String text = new S3Settings("http://h:1", "ak", "very-secret", "repro").toString();

    assertThat(text).contains("ak").contains("repro").doesNotContain("very-secret");
  }

  @Test
  void withBucketKeepsTheRest() {
    S3Settings other = new S3Settings("http://h:1", "ak", "sk", "repro").withBucket("other");

    assertThat(other).isEqualTo(new S3Settings("http://h:1", "ak", "sk", "other"));
  }
}
