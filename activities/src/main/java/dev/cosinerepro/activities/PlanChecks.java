package dev.cosinerepro.activities;

import dev.cosinerepro.activities.data.DatasetCatalog;
import dev.cosinerepro.activities.training.Augmentations;
import dev.cosinerepro.model.Architectures;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunSpec;
import java.util.List;

/**
 * Checks a plan before anything starts: every name in it must be one this installation knows, so a
 * typo is reported with the field and the fix instead of failing hours into a run.
 */
public final class PlanChecks {
  /** The objectives a run may name. */
  public static final List<String> OBJECTIVES = List.of("xent", "xent-ls", "cosine", "cosine+xent");

  /** The class embeddings a run may name. */
  public static final List<String> EMBEDDINGS = List.of("onehot");

  private PlanChecks() {}

  /**
   * Validates a plan.
   *
   * @throws IllegalArgumentException naming the run, the field and the valid values
   */
  public static void validate(PlanSpec plan) {
    for (RunSpec run : plan.groups().stream().map(group -> group.template()).toList()) {
      check(run, "dataset", run.dataset(), DatasetCatalog.NAMES);
      check(run, "architecture", run.architecture(), Architectures.names());
      check(run, "objective", run.objective(), OBJECTIVES);
      check(run, "embedding", run.embedding(), EMBEDDINGS);
      check(run, "augmentation", run.augmentation(), Augmentations.NAMES);
    }
  }

  private static void check(RunSpec run, String field, String value, List<String> valid) {
    if (!valid.contains(value)) {
      throw new IllegalArgumentException(
          "Run '"
              + run.label()
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
