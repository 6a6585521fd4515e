package dev.cosinerepro.datasets.batch;

import java.util.Locale;

/**
 * How an epoch that repeats a small subset is shuffled (the authors repeat a subset of k images per
 * class {@code 30 // k} times per epoch on CUB to keep the iterations per epoch constant).
 */
public enum RepeatShuffle {
  /**
   * Each repeat is shuffled on its own and the repeats follow one another, as the authors' loader
   * does: every image appears once in each stretch of {@code size} positions.
   */
  PER_REPEAT,
  /**
   * The repeats are concatenated and shuffled together: an image may appear twice in a row. The
   * behaviour of recipe version 1 and earlier releases.
   */
  JOINT;

  /** The recipe name: {@code per-repeat} or {@code joint}. */
  public String recipeName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The mode of a recipe name.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static RepeatShuffle of(String recipeName) {
    for (RepeatShuffle mode : values()) {
      if (mode.recipeName().equals(recipeName)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "The repeat shuffle '" + recipeName + "' is not known: use per-repeat or joint.");
  }
}
