package dev.cosinerepro.workflows.spec;

import static dev.cosinerepro.workflows.spec.RecipeFields.atLeast;

/**
 * When a run is evaluated on the test split.
 *
 * @param every evaluate after every this many epochs, and always at the end of each SGDR cycle;
 *     default 1 (the authors: every epoch)
 * @param batchNormRecalibration training batches over which every BatchNorm statistic is
 *     re-estimated (plain average, weights unchanged) before each evaluation, then restored
 *     ("precise BN"); default 0: evaluate with the running statistics training keeps, as the
 *     authors
 */
public record EvaluationRecipe(Integer every, Integer batchNormRecalibration) {

  /** Every epoch with the running statistics, as the authors. */
  public static final EvaluationRecipe EVERY_EPOCH = new EvaluationRecipe(1, 0);

  /** Validates the fields and fills in the defaults. */
  public EvaluationRecipe {
    every = atLeast(every, 1, 1, "evaluation.every");
    batchNormRecalibration =
        atLeast(batchNormRecalibration, 0, 0, "evaluation.batchNormRecalibration");
  }
}
