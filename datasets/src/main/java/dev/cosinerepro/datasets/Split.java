package dev.cosinerepro.datasets;

import java.util.Arrays;
import java.util.Locale;

/** The official split of a dataset. */
public enum Split {
  /** The training split (for Flowers-102: trnid plus valid, as in the paper). */
  TRAIN,
  /** The test split, always used in full. */
  TEST;

  /**
   * Parses a split name, case-insensitively.
   *
   * @param name {@code train} or {@code test}
   * @return the split
   * @throws DatasetException if the name is neither, listing the valid values
   */
  public static Split parse(String name) {
    for (Split split : values()) {
      if (split.name().equalsIgnoreCase(name.strip())) {
        return split;
      }
    }
    throw new DatasetException(
        "Unknown split '"
            + name
            + "'; use one of "
            + Arrays.toString(values()).toLowerCase(Locale.ROOT)
            + ".");
  }
}
