package dev.cosinerepro.datasets.hierarchy;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hierarchy from {@link HierarchyRegistry} with its registry name.
 *
 * @param name the registry name, e.g. {@code cub-deep}
 * @param description one line saying what it is
 * @param hierarchy the validated tree, with node names
 * @param matchesById whether the dataset's classes are matched to the leaves by the class id that
 *     leads the dataset's class name ({@code 001.Black_footed_Albatross} is leaf 1) instead of by
 *     name: the CUB hierarchy files name their leaves by scientific name, CUB's {@code classes.txt}
 *     by the numbered English name
 */
public record NamedHierarchy(
    String name, String description, Hierarchy hierarchy, boolean matchesById) {
  private static final Pattern LEADING_ID = Pattern.compile("0*(\\d+)\\..*");

  /** A hierarchy whose leaves are matched to the dataset's classes by name. */
  public NamedHierarchy(String name, String description, Hierarchy hierarchy) {
    this(name, description, hierarchy, false);
  }

  /** The class names in label order. */
  public List<String> classNames() {
    return hierarchy.classNames();
  }

  /**
   * Checks that this hierarchy's classes are the dataset's, in label order: by the leading class id
   * when {@link #matchesById()}, else by name compared without case, spaces and punctuation ("Ankle
   * boot" = "ankle_boot").
   *
   * @param datasetClasses the dataset's class names in label order
   * @throws IllegalArgumentException naming the first class that differs
   */
  public void requireClassesOf(List<String> datasetClasses) {
    List<String> names = classNames();
    if (names.size() != datasetClasses.size()) {
      throw new IllegalArgumentException(
          "The hierarchy '"
              + name
              + "' has "
              + names.size()
              + " classes but the dataset has "
              + datasetClasses.size()
              + ": choose the hierarchy of this dataset.");
    }
    List<Integer> leaves = hierarchy.classes();
    for (int label = 0; label < datasetClasses.size(); label++) {
      String datasetClass = datasetClasses.get(label);
      boolean same =
          matchesById
              ? Integer.toString(leaves.get(label)).equals(leadingId(datasetClass))
              : normalise(names.get(label)).equals(normalise(datasetClass));
      if (!same) {
        throw new IllegalArgumentException(
            "The hierarchy '"
                + name
                + "' has class "
                + (matchesById ? "id " + leaves.get(label) + " (" : "'")
                + names.get(label)
                + (matchesById ? ")" : "'")
                + " at label "
                + label
                + " where the dataset has '"
                + datasetClass
                + "': choose the hierarchy of this dataset.");
      }
    }
  }

  /** The class id leading a name like {@code 001.Black_footed_Albatross}, or an empty string. */
  static String leadingId(String className) {
    Matcher m = LEADING_ID.matcher(className);
    return m.matches() ? m.group(1) : "";
  }

  /** A class name without case, spaces, underscores and punctuation. */
  static String normalise(String className) {
    return className.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
