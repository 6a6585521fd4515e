package dev.cosinerepro.datasets.transform;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.image.Resampler;
import dev.cosinerepro.datasets.sampling.SeededRandom;

/**
 * The pre-processing of the 448-pixel datasets (CUB, NABirds, Cars, Flowers-102), per sample:
 * resize so that the smaller side is {@code side} (bilinear, {@link Resampler}); for training, a
 * crop position drawn uniformly, a horizontal flip with probability 0.5 (if enabled) and random
 * erasing with probability {@code erasingProbability} on the whole resized image — before the crop,
 * as the authors do ({@link Augmentation#erasingBox}: 2-30 % of the area, aspect 0.3 to 1/0.3,
 * uniform noise in [0, 255]) — then the {@code crop x crop} crop; for evaluation the centre crop
 * only. Finally per-channel normalisation to float CHW.
 *
 * <p>Draws come from generators seeded per sample by {@code (seed, epoch, position)}: the crop
 * position, flip and rectangle from one stream, the noise from another (filled row by row over the
 * erased pixels inside the crop, which are the only ones that can be seen).
 *
 * @param side smaller side after resizing, at least {@code crop}
 * @param crop output height and width, positive
 * @param horizontalFlip whether training flips with probability 0.5
 * @param erasingProbability probability of random erasing in training, in [0, 1]
 */
public record CropPipeline(int side, int crop, boolean horizontalFlip, double erasingProbability) {
  /** Checks the ranges. */
  public CropPipeline {
    if (crop <= 0 || side < crop) {
      throw new DatasetException(
          "Crop "
              + crop
              + " and side "
              + side
              + " are invalid; the crop must be positive and at most the side, e.g. 448 and 512.");
    }
    if (!(erasingProbability >= 0 && erasingProbability <= 1)) {
      throw new DatasetException(
          "erasingProbability " + erasingProbability + " is outside [0, 1]; use e.g. 0.5.");
    }
  }

  /** The paper's pipeline: side 512, crop 448, flip, erasing with probability 0.5. */
  public static CropPipeline paper() {
    return new CropPipeline(512, 448, true, 0.5);
  }

  /** The paper's augmentation at other sizes (e.g. side 40, crop 32 in tests). */
  public static CropPipeline of(int side, int crop) {
    return new CropPipeline(side, crop, true, 0.5);
  }

  /**
   * Pre-processes one image.
   *
   * @param pixels RGB HWC uint8 of {@code height x width}, any size
   * @param height image height
   * @param width image width
   * @param norm normalisation with 3 channels
   * @param geometry per-sample generator for the crop, flip and erasing; null for evaluation
   * @param noise per-sample generator for the erasing noise; null for evaluation
   * @param out destination, CHW normalised floats
   * @param outOffset offset in {@code out}
   */
  public void apply(
      byte[] pixels,
      int height,
      int width,
      Normalization norm,
      SeededRandom geometry,
      SeededRandom noise,
      float[] out,
      int outOffset) {
    int[] size = Resampler.shorterSideTo(height, width, side);
    int rh = size[0];
    int rw = size[1];
    int top;
    int left;
    boolean flip = false;
    int[] box = null;
    if (geometry == null) {
      top = (rh - crop) / 2;
      left = (rw - crop) / 2;
    } else {
      top = geometry.nextInt(rh - crop + 1);
      left = geometry.nextInt(rw - crop + 1);
      flip = horizontalFlip && geometry.nextDouble() < 0.5;
      if (erasingProbability > 0 && geometry.nextDouble() < erasingProbability) {
        box = Augmentation.erasingBox(rh, rw, geometry);
      }
    }
    // (top, left) are in the possibly flipped image; the source window is mirrored back.
    int sourceLeft = flip ? rw - left - crop : left;
    byte[] window =
        Resampler.resizeWindow(pixels, 0, height, width, 3, rh, rw, top, sourceLeft, crop, crop);
    int plane = crop * crop;
    float[] mean = {norm.mean(0), norm.mean(1), norm.mean(2)};
    float[] inverseStd = {1f / norm.std(0), 1f / norm.std(1), 1f / norm.std(2)};
    for (int y = 0; y < crop; y++) {
      int fullY = top + y;
      boolean rowErased = box != null && fullY >= box[0] && fullY < box[0] + box[2];
      for (int x = 0; x < crop; x++) {
        int sx = flip ? crop - 1 - x : x;
        int s = (y * crop + sx) * 3;
        int p = outOffset + y * crop + x;
        int fullX = left + x;
        if (rowErased && fullX >= box[1] && fullX < box[1] + box[3]) {
          for (int c = 0; c < 3; c++) {
            out[p + c * plane] = ((float) noise.uniform(0, 255) - mean[c]) * inverseStd[c];
          }
        } else {
          for (int c = 0; c < 3; c++) {
            out[p + c * plane] = ((window[s + c] & 0xff) - mean[c]) * inverseStd[c];
          }
        }
      }
    }
  }
}
