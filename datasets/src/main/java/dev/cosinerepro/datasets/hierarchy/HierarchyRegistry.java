package dev.cosinerepro.datasets.hierarchy;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.catalog.NaBirds;
import dev.cosinerepro.datasets.hierarchy.wordnet.WordNetHierarchy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The named class hierarchies of the reproduction.
 *
 * <table>
 *   <caption>Named hierarchies</caption>
 *   <tr><th>name</th><th>classes</th><th>source</th></tr>
 *   <tr><td>{@code cub-flat}</td><td>CUB-200-2011</td><td>shipped {@code cub_flat} files (order, family, genus, species)</td></tr>
 *   <tr><td>{@code cub-wikispecies}</td><td>CUB-200-2011</td><td>shipped {@code cub_wikispecies} files (unbalanced, from Wikispecies)</td></tr>
 *   <tr><td>{@code cub-deep}</td><td>CUB-200-2011</td><td>shipped {@code cub_balanced} files (the paper's deep, balanced variant)</td></tr>
 *   <tr><td>{@code cifar100}</td><td>CIFAR-100</td><td>shipped {@code cifar.parent-child.txt} (WordNet-based, by Barz &amp; Denzler)</td></tr>
 *   <tr><td>{@code nabirds}</td><td>NABirds</td><td>{@code hierarchy.txt} and {@code classes.txt} of the user's NABirds dataset</td></tr>
 *   <tr><td>{@code wordnet:fashion-mnist}</td><td>Fashion-MNIST</td><td>derived from WordNet 3.1 ({@link WordNetHierarchy})</td></tr>
 *   <tr><td>{@code wordnet:cifar100}</td><td>CIFAR-100</td><td>derived from WordNet 3.1 ({@link WordNetHierarchy})</td></tr>
 * </table>
 *
 * The shipped files (MIT licence, see {@code LICENSE} and {@code SOURCE.md} beside them) are
 * resources of this package. CUB's class ids 1..200 map to labels 0..199 and are matched to CUB's
 * {@code classes.txt} by id (the files name species scientifically, CUB in English), CIFAR-100's
 * 0..99 to themselves, NABirds' leaf ids to the dense labels its image list uses (ascending id).
 */
public final class HierarchyRegistry {
  private static final String RESOURCES = "/dev/cosinerepro/datasets/hierarchy/";

  private static final List<String> NAMES =
      List.of(
          "cub-flat",
          "cub-wikispecies",
          "cub-deep",
          "cifar100",
          "nabirds",
          "wordnet:fashion-mnist",
          "wordnet:cifar100");

  private HierarchyRegistry() {}

  /** The known names, in the order of the class comment. */
  public static List<String> names() {
    return NAMES;
  }

  /**
   * Loads a named hierarchy and checks that its leaves are exactly the dataset's classes.
   *
   * @param name one of {@link #names()}
   * @param dataHome the project's data home (only {@code nabirds} reads from it)
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   * @throws DatasetException if the hierarchy or the NABirds data is missing or invalid, saying
   *     where and what to do
   */
  public static NamedHierarchy byName(String name, Path dataHome) {
    return switch (name) {
      case "cub-flat" ->
          cub(
              name,
              "cub_flat.parent-child.txt",
              "classes_flat.txt",
              "CUB-200-2011, flat: 4 levels");
      case "cub-wikispecies" ->
          cub(
              name,
              "cub_wikispecies.parent-child.txt",
              "classes_wikispecies-hierarchy.txt",
              "CUB-200-2011, Wikispecies: 4-6 levels, unbalanced");
      case "cub-deep" ->
          cub(
              name,
              "cub_balanced.parent-child.txt",
              "classes_balanced.txt",
              "CUB-200-2011, deep: 7 levels, balanced");
      case "cifar100" -> {
        Hierarchy h =
            shipped("cifar100/cifar.parent-child.txt", "cifar100/class_names.txt")
                .checkClasses(range(0, 100), "CIFAR-100 (fine labels 0..99)");
        yield new NamedHierarchy(name, "CIFAR-100, WordNet-based (Barz & Denzler)", h);
      }
      case "nabirds" -> nabirds(dataHome);
      case "wordnet:fashion-mnist" ->
          new NamedHierarchy(
              name,
              "Fashion-MNIST, derived from WordNet 3.1",
              WordNetHierarchy.derive(WordNetHierarchy.FASHION_MNIST));
      case "wordnet:cifar100" ->
          new NamedHierarchy(
              name,
              "CIFAR-100, derived from WordNet 3.1",
              WordNetHierarchy.derive(WordNetHierarchy.CIFAR100));
      default ->
          throw new IllegalArgumentException(
              "The hierarchy '"
                  + name
                  + "' is not known: use one of "
                  + String.join(", ", NAMES)
                  + ".");
    };
  }

  /**
   * Reads NABirds' own hierarchy from an extracted dataset: {@code hierarchy.txt} ({@code child
   * parent}), {@code classes.txt} ({@code id name}) and, for the class check, the class ids used in
   * {@code image_class_labels.txt}.
   *
   * @param base the folder holding those files ({@link NaBirds#base})
   */
  public static Hierarchy nabirdsFrom(Path base) {
    Map<Integer, String> names = HierarchyReader.idNames(base.resolve("classes.txt"));
    Hierarchy h = HierarchyReader.childParent(base.resolve("hierarchy.txt")).withNames(names);
    return h.checkClasses(usedClassIds(base.resolve("image_class_labels.txt")), "NABirds' images");
  }

  private static NamedHierarchy nabirds(Path dataHome) {
    // Verifies (and extracts) the user-supplied archive, or says where to put it.
    Path root = new NaBirds().locate(dataHome, false);
    return new NamedHierarchy(
        "nabirds", "NABirds, its own hierarchy.txt", nabirdsFrom(NaBirds.base(root)));
  }

  private static NamedHierarchy cub(String name, String edges, String names, String description) {
    Hierarchy h =
        shipped("cub/" + edges, "cub/" + names)
            .checkClasses(range(1, 201), "CUB-200-2011 (class ids 1..200)");
    return new NamedHierarchy(name, description, h, true);
  }

  private static Hierarchy shipped(String edges, String names) {
    Hierarchy h;
    try (InputStream in = resource(edges)) {
      h = HierarchyReader.parentChild(in, edges);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (InputStream in = resource(names)) {
      return h.withNames(HierarchyReader.idNames(in, names));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String path) {
    InputStream in = HierarchyRegistry.class.getResourceAsStream(RESOURCES + path);
    if (in == null) {
      throw new IllegalStateException("The resource " + RESOURCES + path + " is missing");
    }
    return in;
  }

  private static List<Integer> range(int from, int to) {
    return IntStream.range(from, to).boxed().toList();
  }

  private static SortedSet<Integer> usedClassIds(Path file) {
    SortedSet<Integer> used = new TreeSet<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.strip().split("\\s+");
        try {
          if (parts.length != 2) {
            throw new NumberFormatException();
          }
          used.add(Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
          throw new DatasetException(
              file
                  + " line "
                  + number
                  + " ('"
                  + line.strip()
                  + "') is not an 'image-id class-id' pair; replace the annotation files with an"
                  + " intact copy.");
        }
      }
    } catch (NoSuchFileException e) {
      throw new DatasetException(
          file + " does not exist; the NABirds folder is incomplete, so extract it again.", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + file + " failed", e);
    }
    if (used.isEmpty()) {
      throw new DatasetException(file + " is empty; extract the NABirds archive again.");
    }
    return used;
  }
}
