package dev.cosinerepro.datasets.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.catalog.NaBirds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The named hierarchies: shipped files, and NABirds' own from a fake dataset folder. */
class HierarchyRegistryTest {
  @TempDir Path home;

  @Test
  void shippedCubVariantsHaveTheirSizes() {
    NamedHierarchy flat = HierarchyRegistry.byName("cub-flat", home);
    assertThat(flat.hierarchy().nodeCount()).isEqualTo(368);
    assertThat(flat.hierarchy().height()).isEqualTo(4);
    assertThat(flat.hierarchy().classes()).hasSize(200).startsWith(1, 2).endsWith(200);
    assertThat(flat.classNames().get(0)).isEqualTo("Phoebastria nigripes");
    assertThat(flat.hierarchy().name(flat.hierarchy().root())).isEqualTo("Aves");
    assertThat(HierarchyRegistry.byName("cub-wikispecies", home).hierarchy().height()).isEqualTo(6);
    assertThat(HierarchyRegistry.byName("cub-deep", home).hierarchy().height()).isEqualTo(7);
  }

  /**
   * CUB's classes.txt names "001.Black_footed_Albatross"; the files name "Phoebastria nigripes".
   */
  @Test
  void cubHierarchiesMatchCubsClassesById() {
    List<String> cubClasses =
        IntStream.rangeClosed(1, 200)
            .mapToObj(id -> String.format("%03d.Bird_%d", id, id))
            .toList();
    for (String name : List.of("cub-flat", "cub-wikispecies", "cub-deep")) {
      HierarchyRegistry.byName(name, home).requireClassesOf(cubClasses);
    }
    List<String> swapped = new java.util.ArrayList<>(cubClasses);
    swapped.set(0, "002.Laysan_Albatross");
    swapped.set(1, "001.Black_footed_Albatross");
    assertThatThrownBy(() -> HierarchyRegistry.byName("cub-deep", home).requireClassesOf(swapped))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("class id 1 (Phoebastria nigripes) at label 0")
        .hasMessageContaining("'002.Laysan_Albatross'");
  }

  @Test
  void namedHierarchiesMatchByNameIgnoringCaseAndPunctuation() {
    HierarchyRegistry.byName("cifar100", home)
        .requireClassesOf(
            HierarchyRegistry.byName("cifar100", home).classNames().stream()
                .map(name -> name.replace('_', ' ').toUpperCase(java.util.Locale.ROOT))
                .toList());
    assertThatThrownBy(
            () ->
                HierarchyRegistry.byName("cifar100", home)
                    .requireClassesOf(IntStream.range(0, 100).mapToObj(i -> "c" + i).toList()))
        .hasMessageContaining("'apple' at label 0 where the dataset has 'c0'");
  }

  @Test
  void shippedCifarTreeHasTheFineLabels() {
    NamedHierarchy cifar = HierarchyRegistry.byName("cifar100", home);
    assertThat(cifar.hierarchy().classes()).hasSize(100).startsWith(0).endsWith(99);
    assertThat(cifar.classNames()).startsWith("apple", "aquarium_fish").endsWith("worm");
    assertThat(cifar.hierarchy().height()).isEqualTo(8);
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> HierarchyRegistry.byName("cub", home))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The hierarchy 'cub' is not known: use one of cub-flat, cub-wikispecies, cub-deep,"
                + " cifar100, nabirds, wordnet:fashion-mnist, wordnet:cifar100.");
  }

  @Test
  void nabirdsWithoutItsArchiveSaysWhereAndWhatToDo() {
    assertThatThrownBy(() -> HierarchyRegistry.byName("nabirds", home))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(home.resolve("datasets/nabirds/nabirds.tar.gz").toString())
        .hasMessageContaining("https://dl.allaboutbirds.org/nabirds");
  }

  /** The real layout: {@code datasets/nabirds/extracted/nabirds.tar.gz/nabirds/...}. */
  private Path fakeNabirds(String hierarchy, String labels) throws IOException {
    Path root = home.resolve("datasets").resolve("nabirds");
    Path base = NaBirds.base(root);
    Files.createDirectories(base);
    Files.writeString(
        base.resolve("classes.txt"),
        "0 Birds\n1 Perching Birds\n2 Ducks\n295 Mallard\n296 Wood Duck\n817 Barn Swallow\n");
    Files.writeString(base.resolve("hierarchy.txt"), hierarchy);
    Files.writeString(base.resolve("image_class_labels.txt"), labels);
    return base;
  }

  @Test
  void nabirdsIsReadFromTheUsersDataset() throws IOException {
    fakeNabirds("1 0\n2 0\n295 2\n296 2\n817 1\n", "0a1b 295\n0a1c 296\n0a1d 817\n0a1e 295\n");
    NamedHierarchy birds = HierarchyRegistry.byName("nabirds", home);
    Hierarchy h = birds.hierarchy();
    assertThat(h.root()).isZero();
    assertThat(h.classes()).containsExactly(295, 296, 817);
    assertThat(birds.classNames()).containsExactly("Mallard", "Wood Duck", "Barn Swallow");
    assertThat(h.height()).isEqualTo(2);
    assertThat(SemanticEmbeddings.similarity(h)[0][1]).isEqualTo(0.5);
  }

  @Test
  void nabirdsLeafWithoutImagesIsNamed() throws IOException {
    Path base = fakeNabirds("1 0\n2 0\n295 2\n296 2\n817 1\n", "0a1b 295\n0a1c 296\n");
    assertThatThrownBy(() -> HierarchyRegistry.byName("nabirds", home))
        .isInstanceOf(DatasetException.class)
        .hasMessageStartingWith(base.resolve("hierarchy.txt") + " has leaf 817 (Barn Swallow)")
        .hasMessageContaining("no class of NABirds' images");
  }
}
