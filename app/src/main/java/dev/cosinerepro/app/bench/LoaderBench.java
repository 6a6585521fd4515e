package dev.cosinerepro.app.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.batch.BatchLoader;
import dev.cosinerepro.datasets.cache.CacheOptions;
import dev.cosinerepro.datasets.cache.ImageCache;
import dev.cosinerepro.datasets.cache.ImageShard;
import dev.cosinerepro.datasets.cache.ImageSource;
import dev.cosinerepro.datasets.catalog.Dataset;
import dev.cosinerepro.datasets.catalog.DatasetRegistry;
import dev.cosinerepro.datasets.image.ImageSet;
import dev.cosinerepro.datasets.image.SampleSource;
import dev.cosinerepro.datasets.image.SyntheticPhotos;
import dev.cosinerepro.datasets.transform.AugmentTransform;
import dev.cosinerepro.datasets.transform.Augmentation;
import dev.cosinerepro.datasets.transform.CropPipeline;
import dev.cosinerepro.datasets.transform.CropTransform;
import dev.cosinerepro.datasets.transform.Normalization;
import dev.cosinerepro.datasets.transform.SampleTransform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Times the two batch loaders the training activity uses, at several thread counts.
 *
 * <ul>
 *   <li>{@code loader.448}: synthetic CUB-sized JPEGs (500 x 375..500) prepared into an image cache
 *       as the pipeline does, then the paper's crop pipeline (resize to 512, random 448 crop, flip,
 *       erasing) into batches of 16, reading from the cache;
 *   <li>{@code loader.small}: a Fashion-MNIST-shaped in-memory set (28 x 28 x 1) through the
 *       small-image augmentation (flip and shift) into batches of 100.
 * </ul>
 *
 * The figure is images per second over whole epochs (the first is a warm-up), per thread count.
 */
public final class LoaderBench {
  private static final int SMALL_IMAGES = 20_000;
  private static final int WARMUP_EPOCHS = 1;

  private LoaderBench() {}

  /**
   * The 448 loader at each thread count.
   *
   * @param work a scratch folder (JPEGs and the image cache go there)
   * @param images how many synthetic photographs
   * @param epochs timed epochs per thread count
   * @param threads the thread counts
   * @param encoding how the cache stores pixels (the default JPEG, or raw as {@code repro data
   *     prepare --encoding raw} makes it)
   * @return one measurement per thread count, item {@code loader.448} or {@code loader.448-raw}
   */
  public static List<Measurement> largeImages(
      Path work, int images, int epochs, List<Integer> threads, ImageShard.Encoding encoding) {
    Dataset dataset = syntheticPhotoFolder(work.resolve("photos"), images);
    CacheOptions options = CacheOptions.defaults().withEncoding(encoding);
    ImageCache cache =
        ImageCache.prepare(dataset, work.resolve("home-" + encoding), false, options);
    String item = encoding == ImageShard.Encoding.RAW ? "loader.448-raw" : "loader.448";
    Normalization norm = new Normalization(new float[] {124, 127, 110}, new float[] {59, 58, 68});
    CropPipeline pipeline = CropPipeline.paper();
    List<Measurement> measurements = new ArrayList<>();
    try (ImageSource source = ImageSource.cached(cache, Split.TRAIN)) {
      for (int count : threads) {
        double rate = rate(source, new CropTransform(pipeline, norm), 16, epochs, count);
        measurements.add(
            measurement(
                item,
                rate,
                count,
                Map.of(
                    "images",
                    images,
                    "pipeline",
                    "resize " + pipeline.side() + ", crop " + pipeline.crop() + ", flip, erasing",
                    "source",
                    "image cache (" + encoding + " shards)")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return measurements;
  }

  /**
   * The small-image loader at each thread count.
   *
   * @param epochs timed epochs per thread count
   * @param threads the thread counts
   * @return one measurement per thread count
   */
  public static List<Measurement> smallImages(int epochs, List<Integer> threads) {
    Random random = new Random(3);
    byte[] pixels = new byte[SMALL_IMAGES * 28 * 28];
    random.nextBytes(pixels);
    int[] labels = IntStream.range(0, SMALL_IMAGES).map(i -> i % 10).toArray();
    List<String> names = IntStream.range(0, 10).mapToObj(i -> "class" + i).toList();
    ImageSet set = ImageSet.wrap(28, 28, 1, pixels, labels, names);
    AugmentTransform transform =
        AugmentTransform.of(
            set, Augmentation.smallImages(), new Normalization(new float[] {73}, new float[] {90}));
    List<Measurement> measurements = new ArrayList<>();
    for (int count : threads) {
      double rate = rate(set, transform, 100, epochs, count);
      measurements.add(
          measurement(
              "loader.small",
              rate,
              count,
              Map.of("images", SMALL_IMAGES, "pipeline", "28x28x1, flip and shift")));
    }
    return measurements;
  }

  private static Measurement measurement(
      String item, double rate, int threads, Map<String, Object> details) {
    Map<String, Object> all = new LinkedHashMap<>(details);
    all.put("perThread", rate / threads);
    return new Measurement(item, "repro", rate, Measurement.IMAGES_PER_SECOND, threads, all);
  }

  private static double rate(
      SampleSource source, SampleTransform transform, int batch, int epochs, int threads) {
    long images = 0;
    long started = 0;
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int epoch = 0; epoch < WARMUP_EPOCHS + epochs; epoch++) {
        if (epoch == WARMUP_EPOCHS) {
          started = System.nanoTime();
        }
        Iterator<Batch> batches =
            BatchLoader.training(source, transform, manager, batch, 1, epoch, 1, threads);
        while (batches.hasNext()) {
          try (Batch next = batches.next()) {
            if (epoch >= WARMUP_EPOCHS) {
              images += next.getSize();
            }
          }
        }
      }
    }
    return images / ((System.nanoTime() - started) / 1e9);
  }

  /** Writes CUB-sized synthetic photographs into a folder dataset of 10 classes. */
  private static Dataset syntheticPhotoFolder(Path root, int images) {
    Random random = new Random(1);
    try {
      for (int i = 0; i < images; i++) {
        int[] size = SyntheticPhotos.cubLikeSize(random);
        Path file = root.resolve("c" + (i % 10)).resolve(i + ".jpg");
        Files.createDirectories(file.getParent());
        Files.write(file, SyntheticPhotos.jpeg(size[0], size[1], random));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return DatasetRegistry.byName("folder:" + root);
  }
}
