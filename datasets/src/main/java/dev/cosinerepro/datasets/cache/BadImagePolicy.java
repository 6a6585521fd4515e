package dev.cosinerepro.datasets.cache;

import dev.cosinerepro.datasets.DatasetException;
import java.util.Locale;

/** What {@link ImageCache#prepare} does with an image file that cannot be decoded. */
public enum BadImagePolicy {
  /** Stop with an error naming the file; nothing is cached. */
  FAIL,
  /** Leave the image out, count it and list it (file and reason) in the cache's manifest. */
  SKIP;

  /**
   * Parses {@code fail} or {@code skip}, case-insensitively.
   *
   * @param name the policy name
   * @return the policy
   * @throws DatasetException if the name is neither
   */
  public static BadImagePolicy parse(String name) {
    for (BadImagePolicy p : values()) {
      if (p.name().equalsIgnoreCase(name.strip())) {
        return p;
      }
    }
    throw new DatasetException("Unknown bad-image policy '" + name + "'; use fail or skip.");
  }

  /** The lower-case name used on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
