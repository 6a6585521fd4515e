package dev.cosinerepro.datasets.catalog;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.sampling.Subsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The images of a split of a file-based dataset (CUB, NABirds, Cars, Flowers-102, image folders):
 * one image file per entry with its 0-based label. Decoding and resizing happen later, per batch.
 */
public final class ImageFileList {
  private final List<Path> files;
  private final int[] labels;
  private final List<String> classNames;

  private ImageFileList(List<Path> files, int[] labels, List<String> classNames) {
    this.files = files;
    this.labels = labels;
    this.classNames = classNames;
  }

  /**
   * Creates a list from copies of the arguments.
   *
   * @param files image files, one per label
   * @param labels 0-based class ids, each below {@code classNames.size()}
   * @param classNames class names, index = class id
   * @return the list
   * @throws DatasetException if the lengths differ or a label is out of range
   */
  public static ImageFileList create(List<Path> files, int[] labels, List<String> classNames) {
    if (files.size() != labels.length) {
      throw new DatasetException(
          files.size()
              + " files but "
              + labels.length
              + " labels were given; pass one label per file.");
    }
    if (classNames.isEmpty()) {
      throw new DatasetException(
          "The class-name list is empty; a dataset needs one name per class.");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classNames.size()) {
        throw new DatasetException(
            "Label "
                + labels[i]
                + " of "
                + files.get(i)
                + " is outside 0.."
                + (classNames.size() - 1)
                + "; labels must be 0-based class ids.");
      }
    }
    return new ImageFileList(List.copyOf(files), labels.clone(), List.copyOf(classNames));
  }

  /** Number of images. */
  public int size() {
    return labels.length;
  }

  /** Number of classes. */
  public int numClasses() {
    return classNames.size();
  }

  /** Class names, index = class id; unmodifiable. */
  public List<String> classNames() {
    return classNames;
  }

  /** The image files, unmodifiable. */
  public List<Path> files() {
    return files;
  }

  /** The file of one image. */
  public Path file(int index) {
    return files.get(index);
  }

  /** The 0-based label of one image. */
  public int label(int index) {
    return labels[index];
  }

  /** A copy of all labels. */
  public int[] labels() {
    return labels.clone();
  }

  /**
   * The entries at the given indices, in that order.
   *
   * @param indices entry indices, e.g. from {@link Subsets#perClass(int[], int, int, long)}
   * @return a new list with the same class names
   */
  public ImageFileList select(int[] indices) {
    List<Path> outFiles = new ArrayList<>(indices.length);
    int[] outLabels = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      outFiles.add(files.get(indices[i]));
      outLabels[i] = labels[indices[i]];
    }
    return new ImageFileList(List.copyOf(outFiles), outLabels, classNames);
  }

  @Override
  public String toString() {
    return "ImageFileList[" + size() + " images, " + numClasses() + " classes]";
  }
}
