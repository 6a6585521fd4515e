package dev.cosinerepro.activities;

import dev.cosinerepro.activities.data.DatasetCatalog;
import dev.cosinerepro.activities.training.Augmentations;
import dev.cosinerepro.activities.training.Embeddings;
import dev.cosinerepro.datasets.catalog.DatasetRegistry;
import dev.cosinerepro.model.Architectures;
import dev.cosinerepro.workflows.plan.DatasetFacts;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a plan before anything starts, so a typo is reported with the group, the field and the fix
 * instead of failing hours into a run.
 */
public final class PlanChecks {
  /** The objectives a run may name. */
  public static final List<String> OBJECTIVES = List.of("xent", "xent-ls", "cosine", "cosine+xent");

  private PlanChecks() {}

  /**
   * Checks that every name in the plan is one the project knows (datasets, networks, objectives,
   * embeddings, augmentations) and that subsets fit the datasets' smallest classes.
   *
   * @throws IllegalArgumentException naming the group, the field and the valid values
   */
  public static void validateNames(PlanSpec plan) {
    List<String> datasets = new ArrayList<>(DatasetRegistry.NAMES);
    for (GroupSpec group : plan.groups()) {
      RunSpec run = group.template();
      if (!run.dataset().startsWith("folder:")) {
        check(group, "dataset", run.dataset(), datasets);
      }
      check(group, "architecture", run.architecture(), Architectures.names());
      check(group, "objective", run.objective(), OBJECTIVES);
      check(group, "embedding", run.embedding(), Embeddings.names());
      if (!Augmentations.isCrop(run.augmentation())) {
        check(group, "augmentation", run.augmentation(), Augmentations.KNOWN);
      }
      if ("onehot".equals(run.embedding()) == false && run.objective().startsWith("xent")) {
        throw new IllegalArgumentException(
            "Group '"
                + group.name()
                + "' gives the embedding '"
                + run.embedding()
                + "' to the objective '"
                + run.objective()
                + "', which uses none: use cosine or cosine+xent, or embedding onehot.");
      }
      DatasetFacts.of(run.dataset())
          .filter(facts -> facts.smallestTrainClass() > 0)
          .filter(facts -> run.samplesPerClass() > facts.smallestTrainClass())
          .ifPresent(
              facts -> {
                throw new IllegalArgumentException(
                    "Group '"
                        + group.name()
                        + "' asks for "
                        + run.samplesPerClass()
                        + " images per class, but the smallest class of "
                        + run.dataset()
                        + " has "
                        + facts.smallestTrainClass()
                        + ": use at most that many (or 0 for the whole split).");
              });
    }
  }

  /**
   * Checks a plan for running here: {@link #validateNames} and that this version can train every
   * dataset and augmentation it names.
   *
   * @throws IllegalArgumentException naming the group, the field and what to do
   */
  public static void validate(PlanSpec plan) {
    validateNames(plan);
    for (GroupSpec group : plan.groups()) {
      RunSpec run = group.template();
      boolean inMemory = DatasetCatalog.ARRAY_NAMES.contains(run.dataset());
      if (inMemory && !Augmentations.NAMES.contains(run.augmentation())) {
        throw new IllegalArgumentException(
            "Group '"
                + group.name()
                + "' gives "
                + run.dataset()
                + " the augmentation '"
                + run.augmentation()
                + "': use one of "
                + String.join(", ", Augmentations.NAMES)
                + " for this in-memory dataset.");
      }
      if (!inMemory && !Augmentations.isCrop(run.augmentation())) {
        throw new IllegalArgumentException(
            "Group '"
                + group.name()
                + "' gives the file dataset "
                + run.dataset()
                + " the augmentation '"
                + run.augmentation()
                + "': use crop-flip-erase (the paper's 512/448) or crop-flip-erase-SIDE-CROP.");
      }
    }
  }

  private static void check(GroupSpec group, String field, String value, List<String> valid) {
    if (!valid.contains(value)) {
      throw new IllegalArgumentException(
          "Group '"
              + group.name()
              + "' has "
              + field
              + " '"
              + value
              + "', which is not known: use one of "
              + String.join(", ", valid)
              + ".");
    }
  }
}
