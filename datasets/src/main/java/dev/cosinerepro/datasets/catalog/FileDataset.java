package dev.cosinerepro.datasets.catalog;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.Split;
import java.nio.file.Path;

/** A dataset of image files of varying size (CUB, NABirds, Cars, Flowers-102, image folders). */
public non-sealed interface FileDataset extends Dataset {
  /**
   * Lists one split.
   *
   * @param root the folder returned by {@link #locate}
   * @param split the split
   * @return the image files with 0-based labels
   * @throws DatasetException if an annotation file is missing or malformed or an image is missing
   */
  ImageFileList index(Path root, Split split);
}
