package dev.cosinerepro.datasets.hierarchy;

import java.util.List;

/**
 * A hierarchy from {@link HierarchyRegistry} with its registry name.
 *
 * @param name the registry name, e.g. {@code cub-deep}
 * @param description one line saying what it is
 * @param hierarchy the validated tree, with node names
 */
public record NamedHierarchy(String name, String description, Hierarchy hierarchy) {
  /** The class names in label order. */
  public List<String> classNames() {
    return hierarchy.classNames();
  }
}
