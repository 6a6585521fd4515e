package dev.cosinerepro.workflows.spec;

import static dev.cosinerepro.workflows.spec.RecipeFields.atLeast;
import static dev.cosinerepro.workflows.spec.RecipeFields.fraction;
import static dev.cosinerepro.workflows.spec.RecipeFields.oneOf;
import static dev.cosinerepro.workflows.spec.RecipeFields.text;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a run trains on and how its images reach the network.
 *
 * @param dataset dataset name, e.g. {@code fashion-mnist}, {@code cub200} or {@code folder:PATH}
 * @param samplesPerClass images drawn per class from the training split; 0 (default) uses the whole
 *     split
 * @param subsetSeed seed of the per-class draw (subsets are nested: a smaller k is inside a larger
 *     one); in a group template {@code null} (default) means "each run's own seed"
 * @param subsetRepeats how often the subset is repeated within one epoch (the authors' way to keep
 *     the iterations per epoch about constant); default 1
 * @param augmentation {@code none} (default), {@code flip-shift} (small images: flip and 15 %
 *     shifts) or {@code crop-flip-erase} (the fine-grained pipeline: resize, erase, random crop,
 *     flip)
 * @param imageSide the side the smaller image side is resized to before cropping; 0 (default) keeps
 *     the images as they are (the paper: 512 for the fine-grained datasets)
 * @param inputSide the side of the square network input cropped from the image; 0 (default) uses
 *     the whole image (the paper: 448 for the fine-grained datasets, 32 for CIFAR)
 * @param shiftFraction the largest shift of {@code flip-shift} as a fraction of height and width;
 *     default {@value #PAPER_SHIFT_FRACTION} (the authors' Keras {@code width_shift_range})
 * @param shiftFill what a {@code flip-shift} shift fills the uncovered border with: {@code nearest}
 *     (default, the edge pixels, Keras' {@code fill_mode}) or {@code constant} (pixel value 0)
 * @param repeatShuffle how an epoch of {@code subsetRepeats > 1} is shuffled: {@value #PER_REPEAT}
 *     (each repeat on its own, as the authors' loader; the default of recipe version 2) or {@value
 *     #JOINT} (the repeats shuffled together, as recipe version 1, where the field is absent and
 *     always means {@value #JOINT})
 */
public record DataRecipe(
    String dataset,
    Integer samplesPerClass,
    Long subsetSeed,
    Integer subsetRepeats,
    String augmentation,
    Integer imageSide,
    Integer inputSide,
    Double shiftFraction,
    String shiftFill,
    @JsonInclude(JsonInclude.Include.NON_NULL) String repeatShuffle) {

  /** The authors' largest shift of small images. */
  public static final double PAPER_SHIFT_FRACTION = 0.15;

  /** The authors' fill of shifted small images (Keras' default). */
  public static final String PAPER_SHIFT_FILL = "nearest";

  /** The fills a recipe can name. */
  public static final List<String> SHIFT_FILLS = List.of("nearest", "constant");

  /** Each repeat of the subset shuffled on its own: the authors' loader, recipe 2's default. */
  public static final String PER_REPEAT = "per-repeat";

  /** The repeats shuffled together: recipe version 1. */
  public static final String JOINT = "joint";

  /** Validates the fields and fills in the defaults. */
  public DataRecipe {
    dataset = text(dataset, "data.dataset");
    samplesPerClass = atLeast(samplesPerClass, 0, 0, "data.samplesPerClass");
    subsetRepeats = atLeast(subsetRepeats, 1, 1, "data.subsetRepeats");
    augmentation = text(augmentation, "data.augmentation", "none");
    imageSide = atLeast(imageSide, 0, 0, "data.imageSide");
    inputSide = atLeast(inputSide, 0, 0, "data.inputSide");
    shiftFraction = fraction(shiftFraction, PAPER_SHIFT_FRACTION, "data.shiftFraction");
    shiftFill = oneOf(shiftFill, PAPER_SHIFT_FILL, SHIFT_FILLS, "data.shiftFill");
    if (imageSide > 0 && inputSide > imageSide) {
      throw RecipeFields.invalid(
          "data.inputSide", inputSide, "at most data.imageSide (" + imageSide + ")");
    }
    if (repeatShuffle != null && !List.of(PER_REPEAT, JOINT).contains(repeatShuffle)) {
      throw RecipeFields.invalid(
          "data.repeatShuffle", "'" + repeatShuffle + "'", PER_REPEAT + " or " + JOINT);
    }
  }

  /** The shuffle this recipe trains with: {@value #JOINT} where the field is absent. */
  @JsonIgnore
  public String effectiveRepeatShuffle() {
    return repeatShuffle == null ? JOINT : repeatShuffle;
  }

  /** This recipe with another repeat shuffle ({@code null}: absent). */
  DataRecipe withRepeatShuffle(String shuffle) {
    return new DataRecipe(
        dataset,
        samplesPerClass,
        subsetSeed,
        subsetRepeats,
        augmentation,
        imageSide,
        inputSide,
        shiftFraction,
        shiftFill,
        shuffle);
  }

  /** This recipe with the subset drawn by {@code seed} unless the recipe fixes its own. */
  DataRecipe forSeed(long seed) {
    return subsetSeed != null ? this : withSubset(samplesPerClass, seed);
  }

  /** This recipe with another subset size. */
  public DataRecipe withSamplesPerClass(int k) {
    return withSubset(k, subsetSeed);
  }

  private DataRecipe withSubset(int k, Long seed) {
    return new DataRecipe(
        dataset,
        k,
        seed,
        subsetRepeats,
        augmentation,
        imageSide,
        inputSide,
        shiftFraction,
        shiftFill,
        repeatShuffle);
  }
}
