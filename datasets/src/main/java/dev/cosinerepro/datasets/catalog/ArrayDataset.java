package dev.cosinerepro.datasets.catalog;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.image.ImageSet;
import java.nio.file.Path;

/** A dataset of small images loaded fully into memory (CIFAR-100, Fashion-MNIST). */
public non-sealed interface ArrayDataset extends Dataset {
  /**
   * Loads one split.
   *
   * @param root the folder returned by {@link #locate}
   * @param split the split
   * @return the images with 0-based labels
   * @throws DatasetException if a file is missing or malformed
   */
  ImageSet load(Path root, Split split);
}
