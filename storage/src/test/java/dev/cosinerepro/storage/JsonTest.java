package dev.cosinerepro.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  record Sample(String zeta, int alpha, Instant at, Duration took, List<Double> losses) {}

  record Holder(Map<String, Integer> counts) {}

  @Test
  void recordsRoundTripWithIsoTimesAndSortedKeys() {
    Sample sample =
        new Sample(
            "z", 1, Instant.parse("2024-05-01T12:00:00Z"), Duration.ofMinutes(90), List.of(0.5));

    byte[] json = Json.write(sample);

    assertThat(new String(json, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"alpha\":1,\"at\":\"2024-05-01T12:00:00Z\",\"losses\":[0.5],"
                + "\"took\":\"PT1H30M\",\"zeta\":\"z\"}");
    assertThat(Json.read(json, Sample.class)).isEqualTo(sample);
  }

  @Test
  void mapEntriesAreSortedSoEqualValuesGiveEqualBytes() {
    String json =
        new String(Json.write(new Holder(Map.of("b", 2, "a", 1, "c", 3))), StandardCharsets.UTF_8);

    assertThat(json).isEqualTo("{\"counts\":{\"a\":1,\"b\":2,\"c\":3}}");
  }

  @Test
  void nonFiniteNumbersRoundTrip() {
    Sample sample =
        new Sample(
            "z", 1, Instant.EPOCH, Duration.ZERO, List.of(Double.NaN, Double.POSITIVE_INFINITY));

    assertThat(Json.read(Json.write(sample), Sample.class).losses())
        .containsExactly(Double.NaN, Double.POSITIVE_INFINITY);
  }

  @Test
  void prettyPrintingIndents() {
    assertThat(Json.writePretty(new Holder(Map.of("a", 1)))).contains("\n").contains("\"a\" : 1");
  }

  @Test
  void aBadDocumentGetsOneSentenceNamingTheType() {
    byte[] typo = "{\"alpah\":1}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Json.read(typo, Sample.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The JSON is not a valid Sample (")
        .hasMessageContaining("alpah")
        .message()
        .doesNotContain("\n");
  }
}
