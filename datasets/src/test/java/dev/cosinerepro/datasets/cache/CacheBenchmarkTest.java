package dev.cosinerepro.datasets.cache;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.batch.BatchLoader;
import dev.cosinerepro.datasets.catalog.Dataset;
import dev.cosinerepro.datasets.catalog.DatasetRegistry;
import dev.cosinerepro.datasets.catalog.FashionMnist;
import dev.cosinerepro.datasets.catalog.FileDataset;
import dev.cosinerepro.datasets.catalog.ImageFileList;
import dev.cosinerepro.datasets.image.SyntheticPhotos;
import dev.cosinerepro.datasets.transform.CropPipeline;
import dev.cosinerepro.datasets.transform.CropTransform;
import dev.cosinerepro.datasets.transform.Normalization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-in measurements, not assertions: {@code mvn -o -pl datasets test -Dtest=CacheBenchmarkTest
 * -Dbench=true}. Prints the 448 training pipeline's throughput on 2 threads from the raw and JPEG
 * shard caches and from the JPEG files themselves, on synthetic CUB-sized JPEGs (500 x 375..500),
 * and the time, mean and std of preparing Fashion-MNIST if Debian's package is installed.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class CacheBenchmarkTest {
  @TempDir Path dir;

  private static final int IMAGES = 240;
  private static final int THREADS = 2;

  @Test
  void loaderThroughput() throws IOException {
    System.setProperty("ai.djl.offline", "true");
    Path folder = dir.resolve("birds");
    Random random = new Random(1);
    long jpegBytes = 0;
    for (int i = 0; i < IMAGES; i++) {
      int[] size = SyntheticPhotos.cubLikeSize(random);
      Path file = folder.resolve("c" + (i % 10)).resolve(i + ".jpg");
      Files.createDirectories(file.getParent());
      Files.write(file, SyntheticPhotos.jpeg(size[0], size[1], random));
      jpegBytes += Files.size(file);
    }
    print("synthetic JPEGs: %d, %.1f KB each on average", IMAGES, jpegBytes / 1024.0 / IMAGES);
    Dataset dataset = DatasetRegistry.byName("folder:" + dir.resolve("birds"));
    CropPipeline pipeline = CropPipeline.paper();
    Normalization norm = new Normalization(new float[] {124, 127, 110}, new float[] {59, 58, 68});
    for (ImageShard.Encoding encoding : ImageShard.Encoding.values()) {
      Path home = dir.resolve("home-" + encoding);
      long start = System.nanoTime();
      ImageCache cache =
          ImageCache.prepare(dataset, home, false, CacheOptions.defaults().withEncoding(encoding));
      double seconds = (System.nanoTime() - start) / 1e9;
      print(
          "prepare %s: %.1f s (%.0f images/s), %.1f KB per image",
          encoding, seconds, IMAGES / seconds, cache.bytes() / 1024.0 / IMAGES);
      try (ImageSource source = ImageSource.cached(cache, Split.TRAIN)) {
        measure("cache " + encoding, source, norm, pipeline);
      }
    }
    Path root = dataset.locate(dir, false);
    ImageFileList files = ((FileDataset) dataset).index(root, Split.TRAIN);
    try (ImageSource source = ImageSource.decoding(files)) {
      measure("JPEG files (decode + resize + augment)", source, norm, pipeline);
    }
  }

  private static void measure(
      String what, ImageSource source, Normalization norm, CropPipeline pipeline) {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int epoch = 0; epoch < 3; epoch++) {
        long start = System.nanoTime();
        Iterator<Batch> it =
            BatchLoader.training(
                source, new CropTransform(pipeline, norm), manager, 16, 1, epoch, 1, THREADS);
        int n = 0;
        while (it.hasNext()) {
          try (Batch batch = it.next()) {
            n += batch.getSize();
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        print("%s, epoch %d: %.1f images/s", what, epoch, n / seconds);
      }
    }
  }

  @Test
  void prepareFashionMnist() {
    if (!Files.isDirectory(FashionMnist.SYSTEM_FOLDER)) {
      print("Fashion-MNIST: %s is not installed, skipped", FashionMnist.SYSTEM_FOLDER);
      return;
    }
    long start = System.nanoTime();
    ImageCache cache =
        ImageCache.prepare(
            DatasetRegistry.byName("fashion-mnist"), dir, false, CacheOptions.defaults());
    double seconds = (System.nanoTime() - start) / 1e9;
    ImageCache.Statistics stats = cache.statistics();
    print(
        "prepare fashion-mnist: %.2f s; train mean %.4f std %.4f (0-255), %d images",
        seconds, stats.mean()[0], stats.std()[0], stats.images());
  }

  private static void print(String format, Object... args) {
    System.out.println("BENCH " + String.format(Locale.ROOT, format, args));
  }
}
