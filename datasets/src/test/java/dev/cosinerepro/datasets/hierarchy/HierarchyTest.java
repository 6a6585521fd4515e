package dev.cosinerepro.datasets.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Heights, depths and lowest common subsumers on a small hand-drawn tree. */
class HierarchyTest {
  /**
   *
   *
   * <pre>
   *        20
   *       /  \
   *     10    5
   *    /  \
   *  11    3
   *  / \
   * 1   2
   * </pre>
   */
  static Hierarchy small() {
    String edges = "20 10\n20 5\n10 11\n10 3\n11 1\n11 2\n";
    return HierarchyReader.parentChild(
            new ByteArrayInputStream(edges.getBytes(StandardCharsets.UTF_8)), "small.txt")
        .withNames(Map.of(1, "one", 20, "root", 99, "not a node"));
  }

  @Test
  void heightsDepthsAndClasses() {
    Hierarchy h = small();
    assertThat(h.root()).isEqualTo(20);
    assertThat(h.height()).isEqualTo(3);
    assertThat(h.height(11)).isEqualTo(1);
    assertThat(h.height(10)).isEqualTo(2);
    assertThat(h.height(5)).isZero();
    assertThat(h.depth(1)).isEqualTo(3);
    assertThat(h.classes()).containsExactly(1, 2, 3, 5);
    assertThat(h.label(5)).isEqualTo(3);
    assertThat(h.nodeCount()).isEqualTo(7);
    assertThat(h.ancestors(1)).containsExactly(11, 10, 20);
    assertThat(h.leavesUnder(10)).containsExactly(1, 2, 3);
  }

  @Test
  void lowestCommonSubsumer() {
    Hierarchy h = small();
    assertThat(h.lcs(1, 2)).isEqualTo(11);
    assertThat(h.lcs(1, 3)).isEqualTo(10);
    assertThat(h.lcs(2, 5)).isEqualTo(20);
    assertThat(h.lcs(3, 3)).isEqualTo(3);
  }

  @Test
  void namesDefaultToIds() {
    Hierarchy h = small();
    assertThat(h.name(1)).isEqualTo("one");
    assertThat(h.name(2)).isEqualTo("2");
    assertThat(h.names()).doesNotContainKey(99);
    assertThat(h.classNames()).containsExactly("one", "2", "3", "5");
  }

  @Test
  void writesACanonicalEdgeListThatReadsBack() {
    Hierarchy h = small();
    StringWriter out = new StringWriter();
    h.writeParentChild(out);
    assertThat(out.toString()).isEqualTo("10 3\n10 11\n11 1\n11 2\n20 5\n20 10\n");
    Hierarchy again =
        HierarchyReader.parentChild(
            new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)), "again");
    assertThat(again).isEqualTo(h);
    StringWriter names = new StringWriter();
    h.writeIdNames(names);
    assertThat(names.toString()).startsWith("1 one\n2 2\n").endsWith("20 root\n");
  }

  @Test
  void theFlatHierarchyIsOneLevel() {
    Hierarchy flat = Hierarchy.flat(4);
    assertThat(flat.height()).isEqualTo(1);
    assertThat(flat.root()).isEqualTo(4);
    assertThat(flat.classes()).containsExactly(0, 1, 2, 3);
  }
}
