package dev.cosinerepro.datasets.cache;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.image.Resampler;

/**
 * How {@link ImageCache#prepare} builds a cache.
 *
 * @param side images whose smaller side exceeds it are shrunk (bilinear) so that the smaller side
 *     is {@code side}; smaller images are stored as they are and enlarged by the loader, which
 *     gives the same pixels as enlarging them here (see {@link Resampler}) at a fraction of the
 *     disk space
 * @param encoding how pixels are stored: raw RGB (fastest to load) or JPEG
 * @param jpegQuality JPEG quality in (0, 1], used with {@link ImageShard.Encoding#JPEG}
 * @param onBadImage what to do with an image that cannot be decoded
 * @param shardImages most images per shard, positive
 * @param shardBytes most payload bytes per shard (a shard always holds at least one image)
 * @param threads decoding threads, positive
 */
public record CacheOptions(
    int side,
    ImageShard.Encoding encoding,
    float jpegQuality,
    BadImagePolicy onBadImage,
    int shardImages,
    long shardBytes,
    int threads) {
  /** The paper's smaller side for the 448-pixel datasets. */
  public static final int PAPER_SIDE = 512;

  /** Checks the ranges. */
  public CacheOptions {
    if (side <= 0) {
      throw new DatasetException("The side " + side + " is not positive; use e.g. 512.");
    }
    if (!(jpegQuality > 0 && jpegQuality <= 1)) {
      throw new DatasetException(
          "The JPEG quality " + jpegQuality + " is outside (0, 1]; use e.g. 0.95.");
    }
    if (shardImages <= 0 || shardBytes <= 0 || threads <= 0) {
      throw new DatasetException(
          "Shard size, shard bytes and threads must be positive; use the defaults.");
    }
  }

  /**
   * The defaults: side 512, JPEG at quality 0.95, fail on bad images, at most 4,096 images and 512
   * MiB per shard, one thread per core.
   */
  public static CacheOptions defaults() {
    return new CacheOptions(
        PAPER_SIDE,
        ImageShard.Encoding.JPEG,
        0.95f,
        BadImagePolicy.FAIL,
        4096,
        512L << 20,
        Runtime.getRuntime().availableProcessors());
  }

  /** The same options with another side. */
  public CacheOptions withSide(int newSide) {
    return new CacheOptions(
        newSide, encoding, jpegQuality, onBadImage, shardImages, shardBytes, threads);
  }

  /** The same options with another encoding. */
  public CacheOptions withEncoding(ImageShard.Encoding newEncoding) {
    return new CacheOptions(
        side, newEncoding, jpegQuality, onBadImage, shardImages, shardBytes, threads);
  }

  /** The same options with another bad-image policy. */
  public CacheOptions withOnBadImage(BadImagePolicy policy) {
    return new CacheOptions(side, encoding, jpegQuality, policy, shardImages, shardBytes, threads);
  }

  /** The same options with other shard limits. */
  public CacheOptions withShardLimits(int images, long bytes) {
    return new CacheOptions(side, encoding, jpegQuality, onBadImage, images, bytes, threads);
  }
}
