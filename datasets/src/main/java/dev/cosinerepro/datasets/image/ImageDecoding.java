package dev.cosinerepro.datasets.image;

import dev.cosinerepro.datasets.DatasetException;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes image files (JPEG, PNG, BMP, GIF) into RGB uint8 HWC pixels with {@link ImageIO}. The
 * TwelveMonkeys JPEG plug-in on the class path registers itself with ImageIO and reads the JPEGs
 * the JDK's reader rejects (CMYK and YCCK, broken ICC profiles). Grey images become three equal
 * channels; transparent images are composed onto black; palette and 16-bit images are converted.
 */
public final class ImageDecoding {
  static {
    ImageIO.setUseCache(false);
    ImageIO.scanForPlugins();
  }

  private ImageDecoding() {}

  /** Decoded RGB pixels, HWC. */
  public record Rgb(int height, int width, byte[] pixels) {}

  /**
   * Decodes one file.
   *
   * @param file the image file
   * @return its pixels as RGB
   * @throws DatasetException naming the file if it cannot be read or decoded
   */
  public static Rgb decode(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DatasetException(
          "Image " + file + " cannot be read (" + e + "); check the file and its permissions.", e);
    }
    return decode(bytes, file.toString());
  }

  /**
   * Decodes an encoded image held in memory.
   *
   * @param bytes the encoded image
   * @param what a name for messages, e.g. the file
   * @return its pixels as RGB
   * @throws DatasetException naming {@code what} if it cannot be decoded
   */
  public static Rgb decode(byte[] bytes, String what) {
    BufferedImage image;
    try (InputStream in = new ByteArrayInputStream(bytes);
        ImageInputStream stream = ImageIO.createImageInputStream(in)) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
      if (!readers.hasNext()) {
        throw bad(what, "no image format recognised", null);
      }
      ImageReader reader = readers.next();
      List<String> warnings = new ArrayList<>();
      try {
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        reader.setInput(stream, true, true);
        image = reader.read(0);
      } finally {
        reader.dispose();
      }
      if (!warnings.isEmpty()) {
        throw bad(what, "damaged: " + warnings.get(0), null);
      }
      if (isJpeg(bytes) && !endsItsLastScan(bytes)) {
        throw bad(what, "truncated: the JPEG data ends before its end-of-image marker", null);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof DatasetException d) {
        throw d;
      }
      throw bad(what, String.valueOf(e.getMessage()), e);
    }
    if (image == null || image.getWidth() <= 0 || image.getHeight() <= 0) {
      throw bad(what, "it holds no image", null);
    }
    return toRgb(image);
  }

  private static boolean isJpeg(byte[] bytes) {
    return bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xD8;
  }

  /**
   * Whether an end-of-image marker (FF D9) follows the last start-of-scan marker (FF DA). Inside
   * entropy-coded data every FF byte is followed by 00, so neither marker can occur there by
   * chance; a thumbnail's own markers come before the main image's last scan.
   */
  private static boolean endsItsLastScan(byte[] bytes) {
    int lastScan = -1;
    for (int i = 0; i + 1 < bytes.length; i++) {
      if ((bytes[i] & 0xff) == 0xFF && (bytes[i + 1] & 0xff) == 0xDA) {
        lastScan = i;
      }
    }
    if (lastScan < 0) {
      return false;
    }
    for (int i = lastScan + 2; i + 1 < bytes.length; i++) {
      if ((bytes[i] & 0xff) == 0xFF && (bytes[i + 1] & 0xff) == 0xD9) {
        return true;
      }
    }
    return false;
  }

  private static DatasetException bad(String what, String reason, Throwable cause) {
    return new DatasetException(
        "Image "
            + what
            + " cannot be decoded ("
            + reason
            + "); replace it with an intact copy or prepare with --on-bad-image skip.",
        cause);
  }

  public static Rgb toRgb(BufferedImage image) {
    int h = image.getHeight();
    int w = image.getWidth();
    byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(h, w), 3)];
    if (image.getType() == BufferedImage.TYPE_3BYTE_BGR && isByteBacked(image)) {
      byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      for (int i = 0; i < out.length; i += 3) {
        out[i] = bgr[i + 2];
        out[i + 1] = bgr[i + 1];
        out[i + 2] = bgr[i];
      }
      return new Rgb(h, w, out);
    }
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY && isByteBacked(image)) {
      byte[] grey = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      for (int i = 0, j = 0; i < grey.length; i++, j += 3) {
        out[j] = grey[i];
        out[j + 1] = grey[i];
        out[j + 2] = grey[i];
      }
      return new Rgb(h, w, out);
    }
    BufferedImage bgr = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = bgr.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return toRgb(bgr);
  }

  /** True if the raster is one plain byte array with no offset (not a sub-image). */
  private static boolean isByteBacked(BufferedImage image) {
    return image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
        && buffer.getNumBanks() == 1
        && image.getRaster().getSampleModelTranslateX() == 0
        && image.getRaster().getSampleModelTranslateY() == 0
        && buffer.getData().length
            == image.getWidth() * image.getHeight() * image.getRaster().getNumBands();
  }

  /**
   * Encodes RGB HWC pixels as a baseline JPEG.
   *
   * @param rgb the pixels
   * @param quality JPEG quality in (0, 1]
   * @return the JPEG bytes
   */
  public static byte[] encodeJpeg(Rgb rgb, float quality) {
    BufferedImage image =
        new BufferedImage(rgb.width(), rgb.height(), BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    byte[] p = rgb.pixels();
    for (int i = 0; i < p.length; i += 3) {
      bgr[i] = p[i + 2];
      bgr[i + 1] = p[i + 1];
      bgr[i + 2] = p[i];
    }
    javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.setOutput(out);
      writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Encoding a JPEG in memory failed", e);
    } finally {
      writer.dispose();
    }
  }
}
