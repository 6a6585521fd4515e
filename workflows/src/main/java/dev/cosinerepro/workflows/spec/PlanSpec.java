package dev.cosinerepro.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan: the runs of a reproduction, and how they are chunked.
 *
 * @param name plan name, e.g. {@code quick}
 * @param description one line on what the plan reproduces
 * @param runs the runs; duplicates (equal canonical specs) run once
 * @param epochsPerChunk epochs trained by one training activity before control returns to the
 *     workflow
 */
public record PlanSpec(String name, String description, List<RunSpec> runs, int epochsPerChunk) {

  /** Validates the plan's shape. */
  public PlanSpec {
    if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new IllegalArgumentException(
          "The plan name '" + name + "' is not valid: use lower-case letters, digits and '-'.");
    }
    if (runs == null || runs.isEmpty()) {
      throw new IllegalArgumentException("The plan '" + name + "' has no runs: add at least one.");
    }
    if (epochsPerChunk < 1) {
      throw new IllegalArgumentException(
          "The plan '"
              + name
              + "' has epochsPerChunk "
              + epochsPerChunk
              + ": it must be at least 1.");
    }
    runs = List.copyOf(runs);
    description = description == null ? "" : description;
  }

  /** The runs without duplicates, in plan order. */
  @JsonIgnore
  public List<RunSpec> distinctRuns() {
    Map<String, RunSpec> byId = new LinkedHashMap<>();
    for (RunSpec run : runs) {
      byId.putIfAbsent(run.id(), run);
    }
    return new ArrayList<>(byId.values());
  }

  /** The identity of this plan's content: a hash of its name, chunking and the ids of its runs. */
  @JsonIgnore
  public String id() {
    StringBuilder canonical = new StringBuilder(name).append('|').append(epochsPerChunk);
    for (RunSpec run : distinctRuns()) {
      canonical.append('|').append(run.id());
    }
    return CanonicalHash.of(canonical.toString());
  }

  /** The workflow id of a reproduction of this plan. */
  @JsonIgnore
  public String workflowId() {
    return "plan-" + name + "-" + id();
  }

  /** Total epochs over all distinct runs. */
  @JsonIgnore
  public int totalEpochs() {
    return distinctRuns().stream().mapToInt(RunSpec::totalEpochs).sum();
  }
}
