package dev.cosinerepro.activities.training;

import dev.cosinerepro.datasets.Augmentation;
import java.util.List;

/** The augmentation policies a plan can name. */
public final class Augmentations {
  /** The names the workers can apply now. */
  public static final List<String> NAMES = List.of("none", "flip-shift");

  /**
   * Every name a plan may use; {@code crop-flip-erase} is the 448-pixel pipeline of the
   * fine-grained datasets (random crop, flip, random erasing).
   */
  public static final List<String> KNOWN = List.of("none", "flip-shift", "crop-flip-erase");

  private Augmentations() {}

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
