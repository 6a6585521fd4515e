package dev.cosinerepro.datasets.sampling;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.image.ImageSet;
import java.util.Arrays;

/** Seeded, reproducible subsets of a labelled set, for the data-size experiments. */
public final class Subsets {
  private static final long SUBSET_STREAM = 0x53554253L;

  private Subsets() {}

  /**
   * Picks {@code k} images per class. For each class, its image indices (in ascending order) are
   * shuffled by a generator seeded with {@code (seed, class)} and the first {@code k} are kept, so
   * the result is the same on any machine and NESTED: for one seed, the subset for a smaller {@code
   * k} is contained in the subset for a larger one.
   *
   * @param labels 0-based labels, one per image
   * @param numClasses number of classes; every class must have at least {@code k} images
   * @param k images per class, positive
   * @param seed the seed
   * @return the chosen indices, sorted ascending
   * @throws DatasetException if {@code k} is not positive, a label is out of range or a class has
   *     fewer than {@code k} images (naming the class and its count)
   */
  public static int[] perClass(int[] labels, int numClasses, int k, long seed) {
    return perClass(labels, numClasses, k, seed, null);
  }

  /**
   * Like {@link #perClass(int[], int, int, long)} on an image set; errors name the class.
   *
   * @param set the image set
   * @param k images per class, positive
   * @param seed the seed
   * @return the chosen indices, sorted ascending; pass them to {@link ImageSet#select}
   */
  public static int[] perClass(ImageSet set, int k, long seed) {
    return perClass(set.labels(), set.numClasses(), k, seed, set);
  }

  private static int[] perClass(int[] labels, int numClasses, int k, long seed, ImageSet set) {
    if (k <= 0) {
      throw new DatasetException(
          "A subset needs a positive number of images per class but k = " + k + " was asked.");
    }
    int[] counts = new int[numClasses];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new DatasetException(
            "Label "
                + labels[i]
                + " of image "
                + i
                + " is outside 0.."
                + (numClasses - 1)
                + "; pass 0-based labels and the right number of classes.");
      }
      counts[labels[i]]++;
    }
    int[][] byClass = new int[numClasses][];
    for (int c = 0; c < numClasses; c++) {
      if (counts[c] < k) {
        String name =
            set == null ? "Class " + c : "Class " + c + " ('" + set.classNames().get(c) + "')";
        throw new DatasetException(
            name
                + " has only "
                + counts[c]
                + " images but "
                + k
                + " per class were asked; choose k <= "
                + counts[c]
                + ".");
      }
      byClass[c] = new int[counts[c]];
    }
    int[] fill = new int[numClasses];
    for (int i = 0; i < labels.length; i++) {
      byClass[labels[i]][fill[labels[i]]++] = i;
    }
    int[] result = new int[numClasses * k];
    for (int c = 0; c < numClasses; c++) {
      SeededRandom.derive(SUBSET_STREAM, seed, c).shuffle(byClass[c]);
      System.arraycopy(byClass[c], 0, result, c * k, k);
    }
    Arrays.sort(result);
    return result;
  }
}
