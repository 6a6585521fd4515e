package dev.cosinerepro.datasets.transform;

import dev.cosinerepro.datasets.image.Pixels;
import dev.cosinerepro.datasets.sampling.SampleKey;

/**
 * Turns one image into the network's input: uint8 HWC pixels in, normalised float CHW of {@code
 * channels() x height() x width()} out. Training samples carry a {@link SampleKey} from which all
 * random draws are derived, so the output depends only on the image and the key; evaluation samples
 * have none and are not augmented. Implementations are stateless and thread-safe.
 */
public interface SampleTransform {
  /** Output channels, equal to the images' channels. */
  int channels();

  /** Output height. */
  int height();

  /** Output width. */
  int width();

  /** Floats per output sample. */
  default int sampleFloats() {
    return channels() * height() * width();
  }

  /**
   * Pre-processes one image.
   *
   * @param image the pixels
   * @param key the training sample's key, or null for evaluation (no augmentation)
   * @param out destination, CHW normalised floats
   * @param outOffset offset in {@code out}
   */
  void apply(Pixels image, SampleKey key, float[] out, int outOffset);
}
