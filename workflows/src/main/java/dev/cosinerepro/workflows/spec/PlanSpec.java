package dev.cosinerepro.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plan: the experiment groups of a reproduction, how their learning rates are searched, and how
 * training is chunked.
 *
 * @param name plan name, e.g. {@code quick}
 * @param description one line on what the plan reproduces
 * @param groups the experiment groups; a group may take its rate from an earlier group
 * @param epochsPerChunk epochs trained by one training activity before control returns to the
 *     workflow
 * @param search {@code grid} (every rate trains to the end) or {@code halving} (successive halving
 *     at SGDR restarts)
 * @param rehearsal how the runs were shrunk when this plan is a rehearsal of another, else {@code
 *     null}; the report marks a rehearsal as one
 */
public record PlanSpec(
    String name,
    String description,
    List<GroupSpec> groups,
    int epochsPerChunk,
    String search,
    Shrinkage rehearsal) {
  /** The search strategies. */
  public static final List<String> SEARCHES = List.of("grid", "halving");

  /**
   * Validates the plan's shape: names, unique groups, and rate sources that exist and come earlier.
   */
  public PlanSpec {
    if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new IllegalArgumentException(
          "The plan name '" + name + "' is not valid: use lower-case letters, digits and '-'.");
    }
    if (groups == null || groups.isEmpty()) {
      throw new IllegalArgumentException(
          "The plan '" + name + "' has no groups: add at least one.");
    }
    if (epochsPerChunk < 1) {
      throw new IllegalArgumentException(
          "The plan '"
              + name
              + "' has epochsPerChunk "
              + epochsPerChunk
              + ": it must be at least 1.");
    }
    search = search == null || search.isBlank() ? "grid" : search;
    if (!SEARCHES.contains(search)) {
      throw new IllegalArgumentException(
          "The plan '" + name + "' has search '" + search + "': use grid or halving.");
    }
    groups = List.copyOf(groups);
    description = description == null ? "" : description;
    Set<String> seen = new HashSet<>();
    for (GroupSpec group : groups) {
      if (group.dependent() && !seen.contains(group.learningRateFrom())) {
        throw new IllegalArgumentException(
            "The group '"
                + group.name()
                + "' takes its rate from '"
                + group.learningRateFrom()
                + "', which is not an earlier group of the plan: list that group first.");
      }
      if (!seen.add(group.name())) {
        throw new IllegalArgumentException(
            "The plan '" + name + "' has two groups named '" + group.name() + "': rename one.");
      }
    }
  }

  /** A plan that is not a rehearsal. */
  public PlanSpec(
      String name, String description, List<GroupSpec> groups, int epochsPerChunk, String search) {
    this(name, description, groups, epochsPerChunk, search, null);
  }

  /** A plan over a fixed grid, without successive halving. */
  public PlanSpec(String name, String description, List<GroupSpec> groups, int epochsPerChunk) {
    this(name, description, groups, epochsPerChunk, "grid");
  }

  /** This plan with another search strategy. */
  public PlanSpec withSearch(String newSearch) {
    return new PlanSpec(name, description, groups, epochsPerChunk, newSearch, rehearsal);
  }

  /** Whether this plan is a shrunk rehearsal of another. */
  @JsonIgnore
  public boolean rehearsed() {
    return rehearsal != null;
  }

  /** The group of a name. */
  public GroupSpec group(String groupName) {
    return groups.stream()
        .filter(group -> group.name().equals(groupName))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("No group '" + groupName + "' in plan " + name));
  }

  /**
   * The runs known before anything trains (every run of every grid group), without duplicates, in
   * plan order. Dependent groups add their runs once their source group has chosen a rate.
   */
  @JsonIgnore
  public List<RunSpec> knownRuns() {
    Map<String, RunSpec> byId = new LinkedHashMap<>();
    for (GroupSpec group : groups) {
      for (RunSpec run : group.gridRuns()) {
        byId.putIfAbsent(run.id(), run);
      }
    }
    return new ArrayList<>(byId.values());
  }

  /** The identity of this plan's content: a hash of its name, search, chunking and groups. */
  @JsonIgnore
  public String id() {
    StringBuilder canonical =
        new StringBuilder(name).append('|').append(search).append('|').append(epochsPerChunk);
    for (GroupSpec group : groups) {
      canonical
          .append('|')
          .append(group.name())
          .append(':')
          .append(group.table())
          .append(':')
          .append(group.template().id())
          .append(':')
          .append(group.learningRates())
          .append(':')
          .append(group.learningRateFrom())
          .append(':')
          .append(group.seeds());
    }
    if (rehearsed()) {
      canonical.append("|rehearsal:").append(rehearsal);
    }
    return CanonicalHash.of(canonical.toString());
  }

  /** The workflow id of a reproduction of this plan. */
  @JsonIgnore
  public String workflowId() {
    return "plan-" + name + "-" + id();
  }

  /**
   * Epochs of a full grid search: every run of every group to its end, a dependent group counted
   * with one rate per seed.
   */
  @JsonIgnore
  public long totalEpochs() {
    long epochs = 0;
    for (GroupSpec group : groups) {
      int rates = group.dependent() ? 1 : group.learningRates().size();
      epochs += (long) rates * group.seeds().size() * group.template().totalEpochs();
    }
    return epochs;
  }
}
