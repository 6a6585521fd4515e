package dev.cosinerepro.activities.recipe;

import dev.cosinerepro.datasets.transform.Augmentation;
import dev.cosinerepro.datasets.transform.CropPipeline;
import dev.cosinerepro.workflows.spec.DataRecipe;
import dev.cosinerepro.workflows.spec.RunTemplate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The augmentation policies a plan can name, and the pipelines they stand for. */
public final class ImagePipelines {
  /** No augmentation. */
  public static final String NONE = "none";

  /** Horizontal flip and shifts of up to 15 % with nearest fill: the paper's CIFAR augmentation. */
  public static final String FLIP_SHIFT = "flip-shift";

  /**
   * The fine-grained pipeline: resize to {@code data.imageSide}, random erasing, a random {@code
   * data.inputSide} crop, horizontal flip (the paper: 512 and 448).
   */
  public static final String CROP_FLIP_ERASE = "crop-flip-erase";

  /** Every policy name. */
  public static final List<String> NAMES = List.of(NONE, FLIP_SHIFT, CROP_FLIP_ERASE);

  /** The policies of the in-memory (small-image) datasets. */
  public static final List<String> SMALL_IMAGE = List.of(NONE, FLIP_SHIFT);

  /** Recipe version 1 named the crop sides in the policy: {@code crop-flip-erase[-SIDE-CROP]}. */
  private static final Pattern LEGACY_CROP = Pattern.compile("crop-flip-erase(?:-(\\d+)-(\\d+))?");

  private ImagePipelines() {}

  /** Whether a template names the crop pipeline (in either recipe version's spelling). */
  static boolean isCrop(RunTemplate template) {
    return template.recipeVersion() == RunTemplate.LEGACY_RECIPE
        ? LEGACY_CROP.matcher(template.augmentation()).matches()
        : CROP_FLIP_ERASE.equals(template.augmentation());
  }

  /**
   * The small-image augmentation of a policy name ({@code none} or {@code flip-shift}), with the
   * shift's largest fraction and border fill of {@code flip-shift}.
   */
  static Augmentation smallImage(String name, double shiftFraction, String shiftFill) {
    return switch (name) {
      case NONE -> Augmentation.none();
      case FLIP_SHIFT ->
          new Augmentation(true, shiftFraction, 0, Augmentation.ShiftFill.fromId(shiftFill));
      default ->
          throw new IllegalArgumentException(
              "The augmentation '"
                  + name
                  + "' is not one of the small-image policies "
                  + String.join(", ", SMALL_IMAGE)
                  + ".");
    };
  }

  /** The crop pipeline of a template that names it. */
  static CropPipeline crop(RunTemplate template) {
    DataRecipe data = template.data();
    if (template.recipeVersion() == RunTemplate.LEGACY_RECIPE) {
      Matcher matcher = LEGACY_CROP.matcher(data.augmentation());
      if (!matcher.matches()) {
        throw new IllegalArgumentException(
            "The augmentation '" + data.augmentation() + "' is not a crop pipeline.");
      }
      return matcher.group(1) == null
          ? CropPipeline.paper()
          : CropPipeline.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }
    if (data.imageSide() == 0 || data.inputSide() == 0) {
      throw new IllegalArgumentException(
          "The augmentation crop-flip-erase needs data.imageSide and data.inputSide: give both"
              + " (the paper: 512 and 448).");
    }
    return CropPipeline.of(data.imageSide(), data.inputSide());
  }
}
