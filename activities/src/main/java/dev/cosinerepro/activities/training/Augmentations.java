package dev.cosinerepro.activities.training;

import dev.cosinerepro.datasets.Augmentation;
import java.util.List;

/** The augmentation policies a plan can name. */
public final class Augmentations {
  /** The names a plan may use. */
  public static final List<String> NAMES = List.of("none", "flip-shift");

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
