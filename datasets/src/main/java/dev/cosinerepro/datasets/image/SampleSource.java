package dev.cosinerepro.datasets.image;

/**
 * Random access to labelled images, the one thing the batch loader reads: an in-memory {@link
 * ImageSet} or a split of an image cache. Implementations are safe for concurrent reads, since
 * batches are prepared on several threads.
 */
public interface SampleSource {
  /** Number of images. */
  int size();

  /** Channels of every image (1 or 3). */
  int channels();

  /** The 0-based label of image {@code index}. */
  int label(int index);

  /**
   * The pixels of image {@code index}, decoded if need be.
   *
   * @throws IndexOutOfBoundsException if {@code index} is outside {@code 0..size()-1}
   */
  Pixels pixels(int index);
}
