package dev.cosinerepro.workflows.spec;

import static dev.cosinerepro.workflows.spec.RecipeFields.atLeast;
import static dev.cosinerepro.workflows.spec.RecipeFields.text;

/**
 * What a run trains on and how its images reach the network.
 *
 * @param dataset dataset name, e.g. {@code fashion-mnist}, {@code cub200} or {@code folder:PATH}
 * @param samplesPerClass images drawn per class from the training split; 0 (default) uses the whole
 *     split
 * @param subsetSeed seed of the per-class draw (subsets are nested: a smaller k is inside a larger
 *     one); in a group template {@code null} (default) means "each run's own seed"
 * @param subsetRepeats how often the subset is repeated within one epoch, each repeat shuffled (the
 *     authors' way to keep the iterations per epoch about constant); default 1
 * @param augmentation {@code none} (default), {@code flip-shift} (small images: flip and 15 %
 *     shifts) or {@code crop-flip-erase} (the fine-grained pipeline: resize, erase, random crop,
 *     flip)
 * @param imageSide the side the smaller image side is resized to before cropping; 0 (default) keeps
 *     the images as they are (the paper: 512 for the fine-grained datasets)
 * @param inputSide the side of the square network input cropped from the image; 0 (default) uses
 *     the whole image (the paper: 448 for the fine-grained datasets, 32 for CIFAR)
 */
public record DataRecipe(
    String dataset,
    Integer samplesPerClass,
    Long subsetSeed,
    Integer subsetRepeats,
    String augmentation,
    Integer imageSide,
    Integer inputSide) {

  /** Validates the fields and fills in the defaults. */
  public DataRecipe {
    dataset = text(dataset, "data.dataset");
    samplesPerClass = atLeast(samplesPerClass, 0, 0, "data.samplesPerClass");
    subsetRepeats = atLeast(subsetRepeats, 1, 1, "data.subsetRepeats");
    augmentation = text(augmentation, "data.augmentation", "none");
    imageSide = atLeast(imageSide, 0, 0, "data.imageSide");
    inputSide = atLeast(inputSide, 0, 0, "data.inputSide");
    if (imageSide > 0 && inputSide > imageSide) {
      throw RecipeFields.invalid(
          "data.inputSide", inputSide, "at most data.imageSide (" + imageSide + ")");
    }
  }

  /** This recipe with the subset drawn by {@code seed} unless the recipe fixes its own. */
  DataRecipe forSeed(long seed) {
    return subsetSeed != null
        ? this
        : new DataRecipe(
            dataset, samplesPerClass, seed, subsetRepeats, augmentation, imageSide, inputSide);
  }

  /** This recipe with another subset size. */
  public DataRecipe withSamplesPerClass(int k) {
    return new DataRecipe(
        dataset, k, subsetSeed, subsetRepeats, augmentation, imageSide, inputSide);
  }
}
