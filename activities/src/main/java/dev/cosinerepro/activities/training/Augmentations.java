package dev.cosinerepro.activities.training;

import dev.cosinerepro.datasets.transform.Augmentation;
import java.util.List;

/** The augmentation policies a plan can name. */
public final class Augmentations {
  /** The names the workers apply to in-memory datasets. */
  public static final List<String> NAMES = List.of("none", "flip-shift");

  /**
   * Every name a plan may use; {@code crop-flip-erase} is the 448-pixel pipeline of the
   * fine-grained datasets (random crop, flip, random erasing).
   */
  public static final List<String> KNOWN = List.of("none", "flip-shift", "crop-flip-erase");

  private static final java.util.regex.Pattern CROP =
      java.util.regex.Pattern.compile("crop-flip-erase(?:-(\\d+)-(\\d+))?");

  private Augmentations() {}

  /** Whether a name is the crop pipeline of file datasets: {@code crop-flip-erase[-SIDE-CROP]}. */
  public static boolean isCrop(String name) {
    return CROP.matcher(name).matches();
  }

  /**
   * The crop pipeline of a name: {@code crop-flip-erase} is the paper's (resize to 512, random 448
   * crop, flip, random erasing with p 0.5); {@code crop-flip-erase-SIDE-CROP} the same at other
   * sizes.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static dev.cosinerepro.datasets.transform.CropPipeline cropPipeline(String name) {
    java.util.regex.Matcher matcher = CROP.matcher(name);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "The augmentation '"
              + name
              + "' is not a crop pipeline: use crop-flip-erase or crop-flip-erase-SIDE-CROP.");
    }
    return matcher.group(1) == null
        ? dev.cosinerepro.datasets.transform.CropPipeline.paper()
        : dev.cosinerepro.datasets.transform.CropPipeline.of(
            Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
  }

  /**
   * Returns the policy of a name: {@code none}, or {@code flip-shift} (horizontal flip and shifts
   * of up to 15% with nearest fill, the paper's CIFAR augmentation).
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static Augmentation byName(String name) {
    return switch (name) {
      case "none" -> Augmentation.none();
      case "flip-shift" -> Augmentation.smallImages();
      default ->
          throw new IllegalArgumentException(
              "The augmentation '"
                  + name
                  + "' is not known: use one of "
                  + String.join(", ", NAMES)
                  + ".");
    };
  }
}
