package dev.cosinerepro.activities.recipe;

import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunTemplate;

/**
 * Checks a plan before anything starts, so a typo is reported with the group, the field and the fix
 * instead of failing hours into a run.
 */
public final class PlanChecks {
  private PlanChecks() {}

  /**
   * Resolves every group's template ({@link RecipeResolver}) and checks that the plan is written in
   * the current recipe version.
   *
   * @throws IllegalArgumentException naming the group, the field and what to do
   */
  public static void validate(PlanSpec plan) {
    for (GroupSpec group : plan.groups()) {
      RunTemplate template = group.template();
      if (template.recipeVersion() != RunTemplate.CURRENT_RECIPE) {
        throw new IllegalArgumentException(
            "Group '"
                + group.name()
                + "' has a template in the flat form of recipe version "
                + template.recipeVersion()
                + ": write it in sections (data, network, objective, optimizer, schedule,"
                + " evaluation) without maxLearningRate and seed, as the README shows.");
      }
      try {
        RecipeResolver.resolve(template);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Group '" + group.name() + "': " + e.getMessage(), e);
      }
    }
  }
}
