package dev.cosinerepro.datasets.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.datasets.DatasetException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading edge and name lists, and every kind of bad input getting one sentence. */
class HierarchyReaderTest {
  @TempDir Path dir;

  private static Hierarchy parentChild(String text) {
    return HierarchyReader.parentChild(stream(text), "tree.txt");
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertOneSentence(Throwable e, String... fragments) {
    assertThat(e).isInstanceOf(DatasetException.class);
    assertThat(e.getMessage()).contains(fragments).doesNotContain("\n").endsWith(".");
  }

  @Test
  void readsParentChildAndChildParentAlike() throws IOException {
    Hierarchy a = parentChild("9 7\n9 8\n7 0\n7 1\n\n8 2\n");
    Path file = Files.writeString(dir.resolve("hierarchy.txt"), "0 7\n1 7\n2 8\n7 9\n8 9\n");
    Hierarchy b = HierarchyReader.childParent(file);
    assertThat(a).isEqualTo(b);
    assertThat(a.root()).isEqualTo(9);
    assertThat(a.classes()).containsExactly(0, 1, 2);
    assertThat(b.source()).isEqualTo(file.toString());
  }

  @Test
  void readsIdNamesWithSpaces() {
    Map<Integer, String> names =
        HierarchyReader.idNames(stream("1 Phoebastria nigripes\n2  Aves \n"), "names.txt");
    assertThat(names).containsExactly(Map.entry(1, "Phoebastria nigripes"), Map.entry(2, "Aves"));
  }

  @Test
  void aCycleIsNamedWithItsNodes() {
    // 0 is the root of 0 -> 1; 2 -> 3 -> 4 -> 2 is a cycle off the tree.
    assertThatThrownBy(() -> parentChild("0 1\n0 2\n3 4\n4 5\n5 3\n"))
        .satisfies(e -> assertOneSentence(e, "tree.txt", "cycle", "3 -> 5 -> 4 -> 3", "line 5"));
  }

  @Test
  void aCycleWithoutAnyRootIsFound() {
    assertThatThrownBy(() -> parentChild("1 2\n2 1\n"))
        .satisfies(e -> assertOneSentence(e, "tree.txt", "cycle", "1 -> 2 -> 1", "line 2"));
  }

  @Test
  void severalRootsAreListed() {
    assertThatThrownBy(() -> parentChild("10 1\n10 2\n11 3\n11 4\n"))
        .satisfies(e -> assertOneSentence(e, "tree.txt", "2 roots", "10, 11"));
  }

  @Test
  void aDuplicateEdgeNamesBothLines() {
    assertThatThrownBy(() -> parentChild("10 1\n10 2\n10 1\n"))
        .satisfies(e -> assertOneSentence(e, "tree.txt line 3", "10 -> 1", "line 1"));
  }

  @Test
  void aSecondParentIsRejected() {
    assertThatThrownBy(() -> parentChild("10 1\n10 2\n11 2\n"))
        .satisfies(e -> assertOneSentence(e, "tree.txt line 3", "second parent 11", "line 2"));
  }

  @Test
  void aSelfEdgeIsRejected() {
    assertThatThrownBy(() -> parentChild("10 1\n5 5\n"))
        .satisfies(e -> assertOneSentence(e, "tree.txt line 2", "node 5 to itself"));
  }

  @Test
  void aNonNumericIdNamesTheToken() {
    assertThatThrownBy(() -> parentChild("10 1\n10 two\n"))
        .satisfies(e -> assertOneSentence(e, "tree.txt line 2", "'two'", "numeric"));
    assertThatThrownBy(() -> HierarchyReader.idNames(stream("x Aves\n"), "names.txt"))
        .satisfies(e -> assertOneSentence(e, "names.txt line 1", "'x'"));
  }

  @Test
  void aLineWithThreeFieldsIsRejected() {
    assertThatThrownBy(() -> parentChild("10 1 2\n"))
        .satisfies(e -> assertOneSentence(e, "tree.txt line 1", "'parent child'"));
  }

  @Test
  void anEmptyFileIsRejected() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.txt"), "\n  \n");
    assertThatThrownBy(() -> HierarchyReader.parentChild(empty))
        .satisfies(e -> assertOneSentence(e, empty.toString(), "is empty"));
    assertThatThrownBy(() -> HierarchyReader.idNames(stream(""), "names.txt"))
        .satisfies(e -> assertOneSentence(e, "names.txt is empty"));
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nope.txt");
    assertThatThrownBy(() -> HierarchyReader.childParent(missing))
        .satisfies(e -> assertOneSentence(e, missing.toString(), "does not exist"));
  }

  @Test
  void aRepeatedOrNamelessIdIsRejected() {
    assertThatThrownBy(() -> HierarchyReader.idNames(stream("1 a\n1 b\n"), "names.txt"))
        .satisfies(e -> assertOneSentence(e, "names.txt line 2", "id 1", "line 1"));
    assertThatThrownBy(() -> HierarchyReader.idNames(stream("1 a\n2\n"), "names.txt"))
        .satisfies(e -> assertOneSentence(e, "names.txt line 2", "'id name'"));
  }

  @Test
  void aMissingClassAndALeafThatIsNoClassAreNamed() {
    Hierarchy h = parentChild("10 1\n10 2\n10 3\n");
    assertThatThrownBy(() -> h.checkClasses(List.of(1, 2, 3, 4), "the dataset"))
        .satisfies(e -> assertOneSentence(e, "tree.txt", "class 4 of the dataset"));
    assertThatThrownBy(() -> h.checkClasses(List.of(1, 2), "the dataset"))
        .satisfies(e -> assertOneSentence(e, "tree.txt", "leaf 3", "no class of the dataset"));
    assertThatThrownBy(() -> h.checkClasses(List.of(1, 2, 3, 10), "the dataset"))
        .satisfies(e -> assertOneSentence(e, "tree.txt", "class 10", "inner node"));
    assertThat(h.checkClasses(List.of(3, 1, 2), "the dataset")).isSameAs(h);
  }
}
