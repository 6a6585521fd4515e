package dev.cosinerepro.workflows.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Records written before {@code source} existed still read, with the kind they meant. */
class PreparedDataTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static final String OLD_ARRAYS =
      "{\"trainKey\":\"t.shard\",\"testKey\":\"test.shard\",\"classNames\":[\"a\"],\"channels\":1,"
          + "\"height\":28,\"width\":28,\"trainImages\":5,\"testImages\":6,\"mean\":[1.0],"
          + "\"std\":[2.0],\"imageCache\":null}";

  private static final String OLD_CACHE =
      "{\"trainKey\":\"s.indices.json\",\"testKey\":\"p/cache/\",\"classNames\":[\"a\"],"
          + "\"channels\":3,\"height\":0,\"width\":0,\"trainImages\":5,\"testImages\":6,"
          + "\"mean\":[1.0,1.0,1.0],\"std\":[2.0,2.0,2.0],\"imageCache\":\"p/cache/\"}";

  @Test
  void oldShapesReadAsTheirKind() throws Exception {
    PreparedData arrays = JSON.readValue(OLD_ARRAYS, PreparedData.class);
    assertThat(arrays.source()).isEqualTo(PreparedData.Source.ARRAYS);
    assertThat(arrays.testKey()).isEqualTo("test.shard");
    assertThat(arrays.height()).isEqualTo(28);
    PreparedData cache = JSON.readValue(OLD_CACHE, PreparedData.class);
    assertThat(cache.source()).isEqualTo(PreparedData.Source.IMAGE_CACHE);
    assertThat(cache.testKey()).isEqualTo("p/cache/");
  }

  @Test
  void currentShapeRoundTrips() throws Exception {
    PreparedData cache = JSON.readValue(OLD_CACHE, PreparedData.class);
    String json = JSON.writeValueAsString(cache);
    assertThat(json).contains("\"source\":\"IMAGE_CACHE\"").doesNotContain("imageCache");
    assertThat(JSON.readValue(json, PreparedData.class)).isEqualTo(cache);
  }
}
