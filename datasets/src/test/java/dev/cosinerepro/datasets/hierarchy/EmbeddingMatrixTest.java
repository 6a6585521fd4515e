package dev.cosinerepro.datasets.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.datasets.DatasetException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedding artifact: content key, binary round trip, damage detection, text forms. */
class EmbeddingMatrixTest {
  private static Hierarchy read(String edges) {
    return HierarchyReader.parentChild(
        new ByteArrayInputStream(edges.getBytes(StandardCharsets.UTF_8)), "t.txt");
  }

  @Test
  void theKeyDependsOnTheTreeAndMethodNotOnLineOrderOrNames() {
    Hierarchy a = read("20 10\n20 5\n10 11\n10 3\n11 1\n11 2\n");
    Hierarchy b = read("11 2\n11 1\n10 3\n20 5\n10 11\n20 10\n");
    String key = EmbeddingMatrix.key(a, EmbeddingMethod.UNIT_SPHERE, 4);
    assertThat(key).hasSize(64).matches("[0-9a-f]+");
    assertThat(EmbeddingMatrix.key(b, EmbeddingMethod.UNIT_SPHERE, 4)).isEqualTo(key);
    assertThat(EmbeddingMatrix.key(HierarchyTest.small(), EmbeddingMethod.UNIT_SPHERE, 4))
        .isEqualTo(key);
    assertThat(EmbeddingMatrix.key(a, EmbeddingMethod.LOW_DIMENSIONAL, 4)).isNotEqualTo(key);
    assertThat(EmbeddingMatrix.key(a, EmbeddingMethod.LOW_DIMENSIONAL, 3))
        .isNotEqualTo(EmbeddingMatrix.key(a, EmbeddingMethod.LOW_DIMENSIONAL, 4));
    Hierarchy moved = read("20 10\n20 5\n10 11\n20 3\n11 1\n11 2\n");
    assertThat(EmbeddingMatrix.key(moved, EmbeddingMethod.UNIT_SPHERE, 4)).isNotEqualTo(key);
    EmbeddingMatrix m = EmbeddingMatrix.compute(a, EmbeddingMethod.UNIT_SPHERE);
    assertThat(m.key()).isEqualTo(key);
    assertThat(m.objectKey()).isEqualTo("embeddings/" + key + ".bin");
  }

  @Test
  void binaryFormRoundTripsExactly() {
    EmbeddingMatrix m = EmbeddingMatrix.compute(HierarchyTest.small(), EmbeddingMethod.UNIT_SPHERE);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    m.write(bytes);
    assertThat(bytes.size()).isEqualTo(4 + 2 + 64 + 2 + 11 + 4 + 4 + 16 * 8 + 8);
    EmbeddingMatrix back = EmbeddingMatrix.read(new ByteArrayInputStream(bytes.toByteArray()), "m");
    assertThat(back).isEqualTo(m);
    assertThat(back.rows()).isDeepEqualTo(m.rows());
    assertThat(back.method()).isEqualTo(EmbeddingMethod.UNIT_SPHERE);
  }

  @Test
  void damageIsDetected() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EmbeddingMatrix.compute(HierarchyTest.small(), EmbeddingMethod.UNIT_SPHERE).write(bytes);
    byte[] good = bytes.toByteArray();
    byte[] flipped = good.clone();
    flipped[good.length - 20] ^= 1;
    assertThatThrownBy(() -> EmbeddingMatrix.read(new ByteArrayInputStream(flipped), "m.bin"))
        .isInstanceOf(DatasetException.class)
        .hasMessageStartingWith("m.bin fails its CRC-32 check");
    byte[] truncated = Arrays.copyOf(good, good.length - 3);
    assertThatThrownBy(() -> EmbeddingMatrix.read(new ByteArrayInputStream(truncated), "m.bin"))
        .hasMessageStartingWith("m.bin is truncated");
    byte[] longer = Arrays.copyOf(good, good.length + 1);
    assertThatThrownBy(() -> EmbeddingMatrix.read(new ByteArrayInputStream(longer), "m.bin"))
        .hasMessageStartingWith("m.bin has bytes after the matrix");
    assertThatThrownBy(
            () -> EmbeddingMatrix.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4}), "x"))
        .hasMessageContaining("magic number");
  }

  @Test
  void floatCopyAndTextForms() {
    EmbeddingMatrix m = EmbeddingMatrix.compute(HierarchyTest.small(), EmbeddingMethod.UNIT_SPHERE);
    float[][] f = m.toFloat();
    assertThat(f[1][0]).isEqualTo((float) (2.0 / 3.0));
    StringWriter text = new StringWriter();
    m.writeText(text);
    List<String> lines = text.toString().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo("1.0 0.0 0.0 0.0");
    assertThat(Double.parseDouble(lines.get(1).split(" ")[0])).isEqualTo(m.row(1)[0]);
    StringWriter json = new StringWriter();
    m.writeJson(json, "small \"tree\"", List.of("a", "b", "c", "d"));
    assertThat(json.toString())
        .contains("\"name\": \"small \\\"tree\\\"\"")
        .contains("\"key\": \"" + m.key() + "\"")
        .contains("\"classNames\": [\"a\", \"b\", \"c\", \"d\"]")
        .contains("[1.0, 0.0, 0.0, 0.0],");
  }

  @Test
  void theDimensionMustFitTheMethod() {
    assertThatThrownBy(
            () -> EmbeddingMatrix.compute(HierarchyTest.small(), EmbeddingMethod.UNIT_SPHERE, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("low-dim");
    EmbeddingMatrix low =
        EmbeddingMatrix.compute(HierarchyTest.small(), EmbeddingMethod.LOW_DIMENSIONAL, 2);
    assertThat(low.dimension()).isEqualTo(2);
    assertThat(EmbeddingMatrix.compute(HierarchyTest.small(), EmbeddingMethod.ONE_HOT).rows())
        .isDeepEqualTo(SemanticEmbeddings.oneHot(4));
  }
}
