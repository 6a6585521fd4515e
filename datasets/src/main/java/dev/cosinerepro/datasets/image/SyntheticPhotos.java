package dev.cosinerepro.datasets.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Photograph-like JPEGs for benchmarks: smooth colour fields plus noise, so that the files have the
 * sizes and decoding cost of real photographs (about 40-60 KB at 500 x 375) rather than of flat
 * test patterns.
 */
public final class SyntheticPhotos {
  private SyntheticPhotos() {}

  /**
   * Encodes one synthetic photograph.
   *
   * @param height pixels, positive
   * @param width pixels, positive
   * @param random the source of the pattern's frequencies and noise
   * @return JPEG bytes (ImageIO's default quality)
   */
  public static byte[] jpeg(int height, int width, Random random) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    double fx = 0.01 + random.nextDouble() * 0.05;
    double fy = 0.01 + random.nextDouble() * 0.05;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int r = (int) (128 + 90 * Math.sin(x * fx) + random.nextInt(30));
        int g = (int) (128 + 90 * Math.cos(y * fy) + random.nextInt(30));
        int b = (int) (128 + 60 * Math.sin((x + y) * fx * 0.5) + random.nextInt(30));
        image.setRGB(x, y, clamp(r) << 16 | clamp(g) << 8 | clamp(b));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "jpeg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory streams do not fail
    }
    return out.toByteArray();
  }

  /**
   * A CUB-like size: 500 pixels on the long side, 375-500 on the other, portrait or landscape.
   *
   * @param random the source of the draw
   * @return {@code {height, width}}
   */
  public static int[] cubLikeSize(Random random) {
    int longSide = 500;
    int shortSide = 375 + random.nextInt(126);
    return random.nextBoolean() ? new int[] {longSide, shortSide} : new int[] {shortSide, longSide};
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
