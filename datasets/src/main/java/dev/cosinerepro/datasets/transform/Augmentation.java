package dev.cosinerepro.datasets.transform;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.sampling.SeededRandom;

/**
 * Random augmentation of one training image, applied on the CPU to uint8 HWC pixels before
 * normalisation. In order: a translation by up to {@code maxShiftFraction} of the height and width
 * (uniform, fractional, bilinear; the uncovered border filled as {@code shiftFill} says: edges
 * replicated as Keras' {@code fill_mode='nearest'}, or pixel value 0 as {@code 'constant'}), a
 * horizontal flip with probability 0.5, then random erasing with probability {@code
 * erasingProbability} (Zhong et al.: area 2-30 % of the image, aspect ratio 0.3 to 1/0.3, up to 100
 * tries, filled with uniform noise in [0, 255]). Draws come from a generator seeded per sample, so
 * results are identical on any machine and thread.
 *
 * @param horizontalFlip whether to flip horizontally with probability 0.5
 * @param maxShiftFraction largest shift as a fraction of height and width, in [0, 1)
 * @param erasingProbability probability of random erasing, in [0, 1]
 * @param shiftFill what a shift fills the uncovered border with
 */
public record Augmentation(
    boolean horizontalFlip,
    double maxShiftFraction,
    double erasingProbability,
    ShiftFill shiftFill) {

  /** What a shift fills the uncovered border of an image with. */
  public enum ShiftFill {
    /** The nearest edge pixel (Keras' {@code fill_mode='nearest'}). */
    NEAREST("nearest"),
    /** Pixel value 0 before normalisation (Keras' {@code fill_mode='constant'}, {@code cval=0}). */
    CONSTANT("constant");

    private final String id;

    ShiftFill(String id) {
      this.id = id;
    }

    /** The name a recipe uses. */
    public String id() {
      return id;
    }

    /**
     * The fill of a name.
     *
     * @throws DatasetException naming the valid names
     */
    public static ShiftFill fromId(String id) {
      for (ShiftFill fill : values()) {
        if (fill.id.equals(id)) {
          return fill;
        }
      }
      throw new DatasetException(
          "Unknown shift fill '" + id + "'; valid names are nearest, constant.");
    }
  }

  /** Smallest erased area as a fraction of the image. */
  public static final double ERASING_MIN_AREA = 0.02;

  /** Largest erased area as a fraction of the image. */
  public static final double ERASING_MAX_AREA = 0.3;

  /** Smallest aspect ratio of the erased rectangle; the largest is its inverse. */
  public static final double ERASING_MIN_ASPECT = 0.3;

  private static final int ERASING_TRIES = 100;

  /** With edges replicated by a shift (the default). */
  public Augmentation(boolean horizontalFlip, double maxShiftFraction, double erasingProbability) {
    this(horizontalFlip, maxShiftFraction, erasingProbability, ShiftFill.NEAREST);
  }

  /** Checks the ranges. */
  public Augmentation {
    if (shiftFill == null) {
      throw new DatasetException("shiftFill is missing; use nearest or constant.");
    }
    if (!(maxShiftFraction >= 0 && maxShiftFraction < 1)) {
      throw new DatasetException(
          "maxShiftFraction " + maxShiftFraction + " is outside [0, 1); use e.g. 0.15.");
    }
    if (!(erasingProbability >= 0 && erasingProbability <= 1)) {
      throw new DatasetException(
          "erasingProbability " + erasingProbability + " is outside [0, 1]; use e.g. 0.5.");
    }
  }

  /** No augmentation. */
  public static Augmentation none() {
    return new Augmentation(false, 0, 0);
  }

  /** The paper's CIFAR-100 augmentation: horizontal flip and shifts of up to 15 %. */
  public static Augmentation smallImages() {
    return new Augmentation(true, 0.15, 0);
  }

  /**
   * The paper's flip and erasing for the 448-pixel datasets (the random crop is done where the
   * images are resized, not here).
   */
  public static Augmentation largeImages() {
    return new Augmentation(true, 0, 0.5);
  }

  /** Whether this augmentation changes nothing. */
  public boolean isIdentity() {
    return !horizontalFlip && maxShiftFraction == 0 && erasingProbability == 0;
  }

  /**
   * Augments and normalises one image.
   *
   * @param pixels source pixels, HWC uint8
   * @param offset offset of the image in {@code pixels}
   * @param height image height
   * @param width image width
   * @param channels channels
   * @param norm normalisation with {@code channels} channels
   * @param random per-sample generator (unused by {@link #none()})
   * @param work scratch buffer of at least {@code height * width * channels} floats
   * @param out destination, CHW normalised floats
   * @param outOffset offset in {@code out}
   */
  public void apply(
      byte[] pixels,
      int offset,
      int height,
      int width,
      int channels,
      Normalization norm,
      SeededRandom random,
      float[] work,
      float[] out,
      int outOffset) {
    double shiftY = 0;
    double shiftX = 0;
    if (maxShiftFraction > 0) {
      shiftY = random.uniform(-maxShiftFraction, maxShiftFraction) * height;
      shiftX = random.uniform(-maxShiftFraction, maxShiftFraction) * width;
    }
    boolean flip = horizontalFlip && random.nextDouble() < 0.5;
    if (shiftY == 0 && shiftX == 0) {
      copy(pixels, offset, height, width, channels, flip, work);
    } else {
      shift(
          pixels,
          offset,
          height,
          width,
          channels,
          shiftY,
          shiftX,
          flip,
          shiftFill == ShiftFill.CONSTANT,
          work);
    }
    if (erasingProbability > 0 && random.nextDouble() < erasingProbability) {
      erase(height, width, channels, random, work);
    }
    int plane = height * width;
    for (int c = 0; c < channels; c++) {
      float mean = norm.mean(c);
      float inverseStd = 1f / norm.std(c);
      int base = outOffset + c * plane;
      for (int p = 0, q = c; p < plane; p++, q += channels) {
        out[base + p] = (work[q] - mean) * inverseStd;
      }
    }
  }

  private static void copy(
      byte[] pixels, int offset, int height, int width, int channels, boolean flip, float[] work) {
    int row = width * channels;
    for (int y = 0; y < height; y++) {
      int src = offset + y * row;
      int dst = y * row;
      if (!flip) {
        for (int i = 0; i < row; i++) {
          work[dst + i] = pixels[src + i] & 0xff;
        }
      } else {
        for (int x = 0; x < width; x++) {
          int s = src + (width - 1 - x) * channels;
          int d = dst + x * channels;
          for (int c = 0; c < channels; c++) {
            work[d + c] = pixels[s + c] & 0xff;
          }
        }
      }
    }
  }

  /** out(y, x) = in(y - shiftY, x' - shiftX), x' = flipped x; bilinear, edge-clamped. */
  private static void shift(
      byte[] pixels,
      int offset,
      int height,
      int width,
      int channels,
      double shiftY,
      double shiftX,
      boolean flip,
      boolean constant,
      float[] work) {
    int[] y0 = new int[height];
    int[] y1 = new int[height];
    float fy = 0;
    for (int y = 0; y < height; y++) {
      double sy = y - shiftY;
      double floor = Math.floor(sy);
      fy = (float) (sy - floor);
      y0[y] = clamp((int) floor, height, constant);
      y1[y] = clamp((int) floor + 1, height, constant);
    }
    int[] x0 = new int[width];
    int[] x1 = new int[width];
    float fx = 0;
    for (int x = 0; x < width; x++) {
      double sx = (flip ? width - 1 - x : x) - shiftX;
      double floor = Math.floor(sx);
      fx = (float) (sx - floor);
      x0[x] = clamp((int) floor, width, constant);
      x1[x] = clamp((int) floor + 1, width, constant);
    }
    float w00 = (1 - fy) * (1 - fx);
    float w01 = (1 - fy) * fx;
    float w10 = fy * (1 - fx);
    float w11 = fy * fx;
    int row = width * channels;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int d = (y * width + x) * channels;
        for (int c = 0; c < channels; c++) {
          work[d + c] =
              w00 * pixel(pixels, offset, row, channels, y0[y], x0[x], c)
                  + w01 * pixel(pixels, offset, row, channels, y0[y], x1[x], c)
                  + w10 * pixel(pixels, offset, row, channels, y1[y], x0[x], c)
                  + w11 * pixel(pixels, offset, row, channels, y1[y], x1[x], c);
        }
      }
    }
  }

  /** One pixel value; 0 outside the image (index -1, see {@link #clamp}). */
  private static float pixel(
      byte[] pixels, int offset, int row, int channels, int y, int x, int c) {
    return y < 0 || x < 0 ? 0 : pixels[offset + y * row + x * channels + c] & 0xff;
  }

  /** The index, clamped to the image; with {@code outside} -1 instead where it lies outside. */
  private static int clamp(int v, int size, boolean outside) {
    if (v >= 0 && v < size) {
      return v;
    }
    return outside ? -1 : (v < 0 ? 0 : size - 1);
  }

  private static void erase(
      int height, int width, int channels, SeededRandom random, float[] work) {
    int[] box = erasingBox(height, width, random);
    if (box == null) {
      return;
    }
    for (int y = box[0]; y < box[0] + box[2]; y++) {
      for (int x = box[1]; x < box[1] + box[3]; x++) {
        int d = (y * width + x) * channels;
        for (int c = 0; c < channels; c++) {
          work[d + c] = (float) random.uniform(0, 255);
        }
      }
    }
  }

  /**
   * Draws the rectangle of random erasing (Zhong et al.) in an image of {@code height x width}:
   * area uniform in [{@link #ERASING_MIN_AREA}, {@link #ERASING_MAX_AREA}] of the image, aspect
   * ratio {@code h / w} uniform in [{@link #ERASING_MIN_ASPECT}, 1 / {@link #ERASING_MIN_ASPECT}],
   * position uniform; up to 100 tries for a rectangle that fits.
   *
   * @return {@code {top, left, h, w}}, or null if no try fitted
   */
  static int[] erasingBox(int height, int width, SeededRandom random) {
    double area = (double) height * width;
    for (int attempt = 0; attempt < ERASING_TRIES; attempt++) {
      double target = random.uniform(ERASING_MIN_AREA, ERASING_MAX_AREA) * area;
      double aspect = random.uniform(ERASING_MIN_ASPECT, 1 / ERASING_MIN_ASPECT);
      int h = (int) Math.round(Math.sqrt(target * aspect));
      int w = (int) Math.round(Math.sqrt(target / aspect));
      if (h > 0 && w > 0 && h < height && w < width) {
        int top = random.nextInt(height - h + 1);
        int left = random.nextInt(width - w + 1);
        return new int[] {top, left, h, w};
      }
    }
    return null;
  }
}
