package dev.cosinerepro.datasets.transform;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.image.Pixels;
import dev.cosinerepro.datasets.sampling.SampleKey;

/**
 * The 448-pixel datasets' transform: RGB images of any size through the {@link CropPipeline}
 * (random crop, flip and erasing for training samples, drawn from two streams of their key: the
 * geometry and the erasing noise; centre crop for evaluation), then {@link Normalization}.
 *
 * @param pipeline sizes and augmentation
 * @param norm per-channel normalisation with 3 channels
 */
public record CropTransform(CropPipeline pipeline, Normalization norm) implements SampleTransform {
  private static final long GEOMETRY_STREAM = 0x43524f50L;
  private static final long NOISE_STREAM = 0x4e4f495345L;

  /** Checks that the normalisation is RGB. */
  public CropTransform {
    if (norm.channels() != 3) {
      throw new DatasetException(
          "The normalisation has "
              + norm.channels()
              + " channels but the images are RGB; use the dataset's 3-channel statistics.");
    }
  }

  @Override
  public int channels() {
    return 3;
  }

  @Override
  public int height() {
    return pipeline.crop();
  }

  @Override
  public int width() {
    return pipeline.crop();
  }

  @Override
  public void apply(Pixels image, SampleKey key, float[] out, int outOffset) {
    if (image.channels() != 3 || image.offset() != 0) {
      throw new DatasetException(
          "The crop pipeline takes whole RGB images, not "
              + image.channels()
              + "-channel ones; prepare the dataset's image cache again.");
    }
    pipeline.apply(
        image.data(),
        image.height(),
        image.width(),
        norm,
        key == null ? null : key.random(GEOMETRY_STREAM),
        key == null ? null : key.random(NOISE_STREAM),
        out,
        outOffset);
  }
}
