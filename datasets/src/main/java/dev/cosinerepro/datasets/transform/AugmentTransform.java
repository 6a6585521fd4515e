package dev.cosinerepro.datasets.transform;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.image.ImageSet;
import dev.cosinerepro.datasets.image.Pixels;
import dev.cosinerepro.datasets.sampling.SampleKey;

/**
 * The small images' transform (Fashion-MNIST, CIFAR-100): images keep their stored size; training
 * samples get the {@link Augmentation} (shift, flip, erasing) drawn from one stream of their key,
 * evaluation samples none; then {@link Normalization}.
 *
 * @param augmentation the training augmentation
 * @param norm per-channel normalisation; its channel count is the images'
 * @param height the images' height
 * @param width the images' width
 */
public record AugmentTransform(Augmentation augmentation, Normalization norm, int height, int width)
    implements SampleTransform {
  private static final long AUGMENT_STREAM = 0x4155474dL;

  /** The transform for the images of {@code set}. */
  public static AugmentTransform of(ImageSet set, Augmentation augmentation, Normalization norm) {
    return new AugmentTransform(augmentation, norm, set.height(), set.width());
  }

  @Override
  public int channels() {
    return norm.channels();
  }

  @Override
  public void apply(Pixels image, SampleKey key, float[] out, int outOffset) {
    if (image.height() != height || image.width() != width || image.channels() != channels()) {
      throw new DatasetException(
          "An image of "
              + image.height()
              + "x"
              + image.width()
              + "x"
              + image.channels()
              + " does not fit the transform's "
              + height
              + "x"
              + width
              + "x"
              + channels()
              + "; build it from the same image set.");
    }
    Augmentation aug = key == null ? Augmentation.none() : augmentation;
    aug.apply(
        image.data(),
        image.offset(),
        height,
        width,
        channels(),
        norm,
        aug.isIdentity() ? null : key.random(AUGMENT_STREAM),
        new float[height * width * channels()],
        out,
        outOffset);
  }
}
