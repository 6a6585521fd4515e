package dev.cosinerepro.workflows.spec;

import static dev.cosinerepro.workflows.spec.RecipeFields.atLeast;

/**
 * When a run is evaluated on the test split.
 *
 * @param every evaluate after every this many epochs, and always at the end of each SGDR cycle;
 *     default 1 (the authors: every epoch)
 */
public record EvaluationRecipe(Integer every) {

  /** Every epoch, as the authors. */
  public static final EvaluationRecipe EVERY_EPOCH = new EvaluationRecipe(1);

  /** Validates the fields and fills in the defaults. */
  public EvaluationRecipe {
    every = atLeast(every, 1, 1, "evaluation.every");
  }
}
