package dev.cosinerepro.datasets.hierarchy.wordnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.catalog.FashionMnist;
import dev.cosinerepro.datasets.hierarchy.Hierarchy;
import dev.cosinerepro.datasets.hierarchy.HierarchyComparison;
import dev.cosinerepro.datasets.hierarchy.HierarchyReader;
import dev.cosinerepro.datasets.hierarchy.HierarchyRegistry;
import dev.cosinerepro.datasets.hierarchy.SemanticEmbeddings;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hierarchies derived from the bundled WordNet 3.1 (the dictionary loads once, about a second). */
class WordNetHierarchyTest {
  private static final Logger LOG = LoggerFactory.getLogger(WordNetHierarchyTest.class);

  private static Hierarchy fashion;
  private static Hierarchy cifar;

  @BeforeAll
  static void derive() {
    fashion = WordNetHierarchy.derive(WordNetHierarchy.FASHION_MNIST);
    cifar = WordNetHierarchy.derive(WordNetHierarchy.CIFAR100);
  }

  @Test
  void fashionMnistTreeHasTheDatasetsClassesInLabelOrder() {
    assertThat(fashion.classes()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(fashion.classNames()).isEqualTo(FashionMnist.CLASS_NAMES);
    assertThat(fashion.name(fashion.root())).isEqualTo("artifact");
    assertThat(fashion.root()).isEqualTo(10);
    // T-shirt and shirt share the synset shirt; sandal and sneaker share shoe.
    assertThat(fashion.name(fashion.lcs(0, 6))).isEqualTo("shirt");
    assertThat(fashion.name(fashion.lcs(5, 7))).isEqualTo("shoe");
    assertThat(fashion.name(fashion.lcs(5, 9))).isEqualTo("footwear");
    assertThat(fashion.name(fashion.lcs(1, 2))).isEqualTo("garment");
    assertThat(fashion.height()).isEqualTo(5);
    // No unary inner nodes after collapsing.
    for (int node : fashion.nodes()) {
      assertThat(fashion.children(node).size()).isNotEqualTo(1);
    }
  }

  @Test
  void cifarTreeHasTheShippedClassNames() {
    assertThat(cifar.classNames())
        .isEqualTo(HierarchyRegistry.byName("cifar100", Path.of("unused")).classNames());
    assertThat(cifar.name(cifar.lcs(42, 88))).isEqualTo("big_cat"); // leopard, tiger
    assertThat(cifar.name(cifar.lcs(47, 52))).isEqualTo("tree"); // maple, oak
    // The class whale is a leaf beside dolphin under the synset whale.
    assertThat(cifar.name(cifar.parents().get(95))).isEqualTo("whale");
    assertThat(cifar.parents().get(30)).isEqualTo(cifar.parents().get(95));
  }

  @Test
  void derivedTreesHaveExactEmbeddings() {
    for (Hierarchy h : List.of(fashion, cifar)) {
      double[][] s = SemanticEmbeddings.similarity(h);
      assertThat(SemanticEmbeddings.smallestEigenvalue(s))
          .isCloseTo(1.0 / h.height(), within(1e-10));
      assertThat(SemanticEmbeddings.maxDeviation(SemanticEmbeddings.unitSphere(h), s))
          .isLessThan(1e-10);
    }
  }

  @Test
  void theEdgeListReadsBackAsTheSameTree() {
    StringWriter edges = new StringWriter();
    cifar.writeParentChild(edges);
    Hierarchy again =
        HierarchyReader.parentChild(
            new ByteArrayInputStream(edges.toString().getBytes(StandardCharsets.UTF_8)), "wn");
    assertThat(again).isEqualTo(cifar);
    assertThat(WordNetHierarchy.derive(WordNetHierarchy.CIFAR100)).isEqualTo(cifar);
  }

  @Test
  void comparisonWithTheShippedCifarTree() {
    Hierarchy shipped = HierarchyRegistry.byName("cifar100", Path.of("unused")).hierarchy();
    HierarchyComparison c = HierarchyComparison.of(shipped, cifar);
    LOG.info("cifar100 vs wordnet:cifar100\n{}", c.describe("cifar100", "wordnet:cifar100"));
    assertThat(c.classes()).isEqualTo(100);
    assertThat(c.pairs()).isEqualTo(4950);
    assertThat(c.siblingPairsKept()).isLessThanOrEqualTo(c.siblingPairs());
    assertThat(c.similarityCorrelation()).isBetween(0.5, 1.0);
    HierarchyComparison self = HierarchyComparison.of(shipped, shipped);
    assertThat(self.sameAncestors()).isEqualTo(100);
    assertThat(self.sameLcs()).isEqualTo(4950);
    assertThat(self.similarityCorrelation()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void aBadSenseKeyNamesTheLine() {
    List<ClassSynset> classes =
        List.of(
            new ClassSynset(0, "shirt", "shirt%1:06:00::", 3),
            new ClassSynset(1, "blob", "blob%9:99:99::", 4));
    assertThatThrownBy(() -> WordNetHierarchy.derive(classes, "m.tsv"))
        .isInstanceOf(DatasetException.class)
        .hasMessageStartingWith("m.tsv line 4 maps class 'blob' to 'blob%9:99:99::'");
    List<ClassSynset> twice =
        List.of(
            new ClassSynset(0, "shirt", "shirt%1:06:00::", 3),
            new ClassSynset(1, "also shirt", "shirt%1:06:00::", 4));
    assertThatThrownBy(() -> WordNetHierarchy.derive(twice, "m.tsv"))
        .hasMessageContaining("line 4")
        .hasMessageContaining("own synset");
  }

  @Test
  void aMalformedMappingNamesTheLine() {
    String text = "# comment\n0\tshirt\tshirt%1:06:00::\n2\tcoat\tcoat%1:06:00::\n";
    assertThatThrownBy(
            () ->
                SynsetMapping.read(
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "m.tsv"))
        .isInstanceOf(DatasetException.class)
        .hasMessageStartingWith("m.tsv line 3 has label 2 where label 1 is next");
  }
}
