package dev.cosinerepro.datasets.catalog;

import dev.cosinerepro.datasets.DatasetException;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The one place where class ids as stored on disk become the 0-based labels used everywhere else.
 */
final class Labels {
  private Labels() {}

  /**
   * A 1-based label as stored by Flowers-102 ({@code imagelabels.mat}) and Stanford Cars.
   *
   * @throws DatasetException naming {@code source} if the label is outside 1..numClasses
   */
  static int fromOneBased(int label, int numClasses, String source) {
    if (label < 1 || label > numClasses) {
      throw new DatasetException(
          source
              + " has class "
              + label
              + " but classes are numbered 1.."
              + numClasses
              + "; replace it with an intact copy.");
    }
    return label - 1;
  }

  /**
   * Maps sorted, possibly sparse class ids (CUB 1..200, NABirds' 555 leaf ids up to 1010) to 0..n-1
   * in ascending order.
   */
  static Map<Integer, Integer> dense(SortedSet<Integer> ids) {
    Map<Integer, Integer> index = new TreeMap<>();
    for (int id : ids) {
      index.put(id, index.size());
    }
    return index;
  }
}
