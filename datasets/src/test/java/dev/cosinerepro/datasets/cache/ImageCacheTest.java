package dev.cosinerepro.datasets.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.batch.BatchLoader;
import dev.cosinerepro.datasets.catalog.Dataset;
import dev.cosinerepro.datasets.catalog.DatasetHarnessTest;
import dev.cosinerepro.datasets.catalog.DatasetRegistry;
import dev.cosinerepro.datasets.catalog.FakeFiles;
import dev.cosinerepro.datasets.catalog.FileDataset;
import dev.cosinerepro.datasets.catalog.ImageFileList;
import dev.cosinerepro.datasets.image.ImageDecoding;
import dev.cosinerepro.datasets.image.ImageSet;
import dev.cosinerepro.datasets.image.Resampler;
import dev.cosinerepro.datasets.sampling.SeededRandom;
import dev.cosinerepro.datasets.transform.CropPipeline;
import dev.cosinerepro.datasets.transform.CropTransform;
import dev.cosinerepro.datasets.transform.Normalization;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pre-processed cache and the 448 pipeline on tiny fakes: prepared once, shard round trip,
 * decoding, the bad-image policy, and deterministic batches (crop 32 from side 40).
 */
class ImageCacheTest {
  @TempDir Path dir;

  /**
   * Two groups of a plan prepare the same dataset at once on one worker (the rehearsal caught it):
   * the second to finish finds the first's cache in place and keeps it, instead of failing on
   * Linux's "Directory not empty".
   */
  @Test
  void aCachePublishedFirstByAParallelPreparationIsKept() throws IOException {
    Path target = dir.resolve("cache/cub200");
    Files.createDirectories(target);
    Files.writeString(target.resolve("manifest.json"), "first");
    Path temp = dir.resolve("cache/.cub200-123");
    Files.createDirectories(temp);
    Files.writeString(temp.resolve("manifest.json"), "second");

    ImageCache.publish(temp, target);

    assertThat(Files.readString(target.resolve("manifest.json"))).isEqualTo("first");
    assertThat(temp).doesNotExist();
  }

  private static final CacheOptions RAW =
      CacheOptions.defaults()
          .withSide(40)
          .withEncoding(ImageShard.Encoding.RAW)
          .withShardLimits(2, 1L << 20);

  private static final Normalization NORM =
      new Normalization(new float[] {120, 110, 100}, new float[] {60, 50, 40});

  @BeforeAll
  static void offline() {
    System.setProperty("ai.djl.offline", "true");
  }

  private Path home() {
    return dir.resolve("home");
  }

  private Dataset cub() throws IOException {
    return DatasetHarnessTest.cub(home().resolve("datasets/cub200"));
  }

  private static Map<Path, FileTime> mtimes(Path folder) throws IOException {
    Map<Path, FileTime> out = new LinkedHashMap<>();
    try (var walk = Files.walk(folder)) {
      for (Path p : walk.sorted().toList()) {
        out.put(p, Files.getLastModifiedTime(p));
      }
    }
    return out;
  }

  @Test
  void cacheIsBuiltOnceWithShardsStatisticsAndManifest() throws IOException {
    Dataset cub = cub();
    ImageCache cache = ImageCache.prepare(cub, home(), false, RAW);
    assertThat(cache.folder()).isEqualTo(home().resolve("cache/cub200"));
    assertThat(cache.size(Split.TRAIN)).isEqualTo(3);
    assertThat(cache.size(Split.TEST)).isEqualTo(2);
    assertThat(cache.relativeFiles())
        .containsExactly(
            "train-00000.shard",
            "train-00001.shard",
            "test-00000.shard",
            "stats.json",
            "manifest.json");
    assertThat(cache.manifest().classNames()).hasSize(3);
    assertThat(cache.manifest().skipped()).isEmpty();
    ImageCache.Statistics stats = cache.statistics();
    assertThat(stats.images()).isEqualTo(3);
    assertThat(stats.mean()).hasSize(3);
    assertThat(stats.std()[0]).isPositive();
    try (var files = Files.list(home().resolve("cache"))) {
      assertThat(files.toList()).containsExactly(cache.folder()); // no temporary folder left
    }

    Map<Path, FileTime> before = mtimes(cache.folder());
    ImageCache again = ImageCache.prepare(cub, home(), false, RAW);
    assertThat(mtimes(again.folder())).isEqualTo(before);
    assertThatThrownBy(() -> ImageCache.prepare(cub, home(), false, RAW.withSide(64)))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("was prepared with side 40 and encoding raw");
  }

  @Test
  void statisticsAreThoseOfTheStoredTrainingPixels() throws IOException {
    ImageCache cache = ImageCache.prepare(cub(), home(), false, RAW);
    ImageCache.PixelStatistics expected = new ImageCache.PixelStatistics(3);
    try (ImageSource source = ImageSource.cached(cache, Split.TRAIN)) {
      for (int i = 0; i < source.size(); i++) {
        byte[] rgb = source.pixels(i).data();
        expected.add(rgb, 0, rgb.length);
      }
    }
    ImageCache.Statistics want = expected.result("train", 3);
    assertThat(cache.statistics().mean()).containsExactly(want.mean());
    assertThat(cache.statistics().std()).containsExactly(want.std());
  }

  @Test
  void shardRoundTripsThroughStreamsAndRandomReads() throws IOException {
    List<ImageShard.Entry> entries =
        List.of(
            new ImageShard.Entry(2, 2, 3, ImageShard.Encoding.RAW, new byte[18]),
            new ImageShard.Entry(0, 40, 44, ImageShard.Encoding.JPEG, FakeFiles.jpeg(40, 44, 5)),
            new ImageShard.Entry(1, 1, 1, ImageShard.Encoding.RAW, new byte[] {1, 2, 3}));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageShard.write(entries, bytes);
    InputStream in = new ByteArrayInputStream(bytes.toByteArray());
    ImageShard read = ImageShard.read(in);
    assertThat(in.read()).isEqualTo(-1);
    assertThat(read.size()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(read.entries().get(i).data()).isEqualTo(entries.get(i).data());
      assertThat(read.entries().get(i).label()).isEqualTo(entries.get(i).label());
    }
    assertThat(read.entries().get(1).rgb()).hasSize(40 * 44 * 3);

    Path file = dir.resolve("s.shard");
    ImageShard.write(entries, file);
    try (ImageShard.Reader reader = ImageShard.open(file)) {
      assertThat(reader.read(2).data()).containsExactly(1, 2, 3);
      assertThat(reader.label(0)).isEqualTo(2);
    }
    byte[] damaged = bytes.toByteArray();
    damaged[damaged.length - 1] ^= 1;
    assertThatThrownBy(() -> ImageShard.read(new ByteArrayInputStream(damaged)))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("fails the CRC-32 check of image 2");
    assertThatThrownBy(
            () -> ImageShard.read(new ByteArrayInputStream(new byte[] {0x43, 0x52, 0x49, 0x53})))
        .isInstanceOf(DatasetException.class);
  }

  @Test
  void greyAndCmykJpegsBecomeRgb() throws IOException {
    BufferedImage grey = new BufferedImage(5, 4, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setSample(2, 1, 0, 200);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(grey, "jpeg", out);
    ImageDecoding.Rgb rgb = ImageDecoding.decode(out.toByteArray(), "grey.jpg");
    assertThat(rgb.pixels()).hasSize(5 * 4 * 3);
    for (int i = 0; i < rgb.pixels().length; i += 3) {
      assertThat(rgb.pixels()[i]).isEqualTo(rgb.pixels()[i + 1]).isEqualTo(rgb.pixels()[i + 2]);
    }
    // A four-channel (CMYK) JPEG, which the JDK's own reader rejects.
    java.awt.image.WritableRaster cmyk =
        java.awt.image.Raster.createInterleavedRaster(
            java.awt.image.DataBuffer.TYPE_BYTE, 6, 4, 4, null);
    javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream cmykBytes = new ByteArrayOutputStream();
    try (var stream = ImageIO.createImageOutputStream(cmykBytes)) {
      writer.setOutput(stream);
      writer.write(null, new javax.imageio.IIOImage(cmyk, null, null), null);
    } finally {
      writer.dispose();
    }
    assertThat(ImageDecoding.decode(cmykBytes.toByteArray(), "cmyk.jpg").pixels()).hasSize(72);
    assertThatThrownBy(() -> ImageDecoding.decode("not a jpeg".getBytes(), "x.jpg"))
        .isInstanceOf(DatasetException.class)
        .hasMessageStartingWith("Image x.jpg cannot be decoded");
  }

  private Path folderWithOneCorruptImage() throws IOException {
    Path folder = dir.resolve("pets");
    for (String name : List.of("train/cat/1.jpg", "train/dog/2.jpg", "test/cat/3.jpg")) {
      Files.createDirectories(folder.resolve(name).getParent());
      Files.write(folder.resolve(name), FakeFiles.jpeg(44, 50, name.hashCode()));
    }
    Files.write(folder.resolve("train/dog/bad.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2});
    return folder;
  }

  @Test
  void badImageFailsNamingTheFileOrIsSkippedAndListed() throws IOException {
    Path folder = folderWithOneCorruptImage();
    Dataset dataset = DatasetRegistry.byName("folder:" + folder);
    assertThatThrownBy(() -> ImageCache.prepare(dataset, home(), false, RAW))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("Image " + folder.resolve("train/dog/bad.jpg") + " cannot be decoded")
        .hasMessageContaining("--on-bad-image skip");
    assertThat(ImageCache.open(dataset, home())).isEmpty();
    try (var files = Files.list(home().resolve("cache"))) {
      assertThat(files.toList()).isEmpty();
    }

    ImageCache cache =
        ImageCache.prepare(dataset, home(), false, RAW.withOnBadImage(BadImagePolicy.SKIP));
    assertThat(cache.size(Split.TRAIN)).isEqualTo(2);
    assertThat(cache.size(Split.TEST)).isEqualTo(1);
    assertThat(cache.manifest().skipped()).hasSize(1);
    assertThat(cache.manifest().skipped().get(0).file())
        .isEqualTo(folder.resolve("train/dog/bad.jpg").toString());
    assertThat(cache.manifest().skipped().get(0).split()).isEqualTo("train");
    assertThat(cache.folder().getFileName().toString()).startsWith("folder-pets-");
  }

  @Test
  void aTruncatedJpegFailsUnderTheDefaultPolicy() throws IOException {
    byte[] whole = FakeFiles.jpeg(120, 160, 7);
    assertThat(ImageDecoding.decode(whole, "whole.jpg").pixels()).hasSize(120 * 160 * 3);
    for (int length : new int[] {300, whole.length - 40}) {
      byte[] cut = java.util.Arrays.copyOf(whole, length);
      assertThatThrownBy(() -> ImageDecoding.decode(cut, "cut.jpg"))
          .as("cut to %d of %d bytes", length, whole.length)
          .isInstanceOf(DatasetException.class)
          .hasMessageStartingWith("Image cut.jpg cannot be decoded")
          .hasMessageContaining("--on-bad-image skip");
    }
    Path folder = dir.resolve("cut");
    for (String name : List.of("a/1.jpg", "b/2.jpg")) {
      Files.createDirectories(folder.resolve(name).getParent());
      Files.write(folder.resolve(name), whole);
    }
    Files.write(folder.resolve("b/3.jpg"), java.util.Arrays.copyOf(whole, 300));
    Dataset dataset = DatasetRegistry.byName("folder:" + folder);
    assertThatThrownBy(() -> ImageCache.prepare(dataset, home(), false, RAW))
        .hasMessageContaining("Image " + folder.resolve("b/3.jpg") + " cannot be decoded");
    ImageCache skipping =
        ImageCache.prepare(dataset, home(), false, RAW.withOnBadImage(BadImagePolicy.SKIP));
    assertThat(skipping.manifest().skipped()).hasSize(1);
  }

  @Test
  void anImageFolderWithOneClassIsRejected() throws IOException {
    Path folder = dir.resolve("one");
    Files.createDirectories(folder.resolve("cat"));
    Files.write(folder.resolve("cat/1.jpg"), FakeFiles.jpeg(44, 50, 1));
    Dataset dataset = DatasetRegistry.byName("folder:" + folder);
    assertThatThrownBy(() -> ImageCache.prepare(dataset, home(), false, RAW))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            "Image folder "
                + folder
                + " has only one class sub-folder (cat); a classifier needs at least two: add one"
                + " sub-folder per class.");
  }

  @Test
  void aDamagedShardIsNamedThenRebuilt() throws IOException {
    Dataset cub = cub();
    ImageCache cache = ImageCache.prepare(cub, home(), false, RAW);
    int images = cache.size(Split.TRAIN);
    Path shard = cache.files(Split.TRAIN).get(0);
    byte[] bytes = Files.readAllBytes(shard);
    Files.write(shard, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> ImageCache.open(cub, home()))
        .isInstanceOf(ImageCache.DamagedCacheException.class)
        .hasMessageContaining(shard.getFileName() + " has " + bytes.length / 2 + " bytes")
        .hasMessageContaining("run 'repro data prepare cub200' to rebuild it");

    byte[] flipped = bytes.clone();
    flipped[flipped.length - 1] ^= 1;
    Files.write(shard, flipped);
    assertThatThrownBy(() -> ImageCache.open(cub, home()))
        .isInstanceOf(ImageCache.DamagedCacheException.class)
        .hasMessageContaining(shard.getFileName() + " has CRC-32");

    Files.write(shard, bytes);
    assertThat(ImageCache.open(cub, home())).isPresent();
    Files.delete(cache.folder().resolve(ImageCache.STATISTICS));
    assertThatThrownBy(() -> ImageCache.open(cub, home()))
        .hasMessageContaining("stats.json is missing");

    ImageCache rebuilt = ImageCache.prepare(cub, home(), false, RAW);
    assertThat(rebuilt.size(Split.TRAIN)).isEqualTo(images);
    assertThat(Files.readAllBytes(shard)).isEqualTo(bytes);
    assertThat(ImageCache.open(cub, home())).isPresent();
  }

  @Test
  void arrayDatasetsAreStoredAsImageSetsWithStatistics() throws IOException {
    Dataset fashion = DatasetHarnessTest.fashion(home().resolve("datasets/fashion-mnist"));
    ImageCache cache = ImageCache.prepare(fashion, home(), false, RAW);
    assertThat(cache.isSharded()).isFalse();
    ImageSet train = ImageSet.read(cache.files(Split.TRAIN).get(0));
    assertThat(train.size()).isEqualTo(20);
    Normalization expected = Normalization.compute(train);
    assertThat(cache.statistics().normalization().mean(0))
        .isCloseTo(expected.mean(0), org.assertj.core.api.Assertions.within(1e-4f));
    assertThat(cache.statistics().normalization().std(0))
        .isCloseTo(expected.std(0), org.assertj.core.api.Assertions.within(1e-4f));
  }

  @Test
  void resizedWindowEqualsTheCropOfTheFullResize() {
    java.util.Random random = new java.util.Random(3);
    byte[] src = new byte[37 * 51 * 3];
    random.nextBytes(src);
    for (int[] size : new int[][] {{64, 88}, {20, 28}, {37, 51}}) {
      byte[] full = Resampler.resize(src, 37, 51, 3, size[0], size[1]);
      byte[] window = Resampler.resizeWindow(src, 0, 37, 51, 3, size[0], size[1], 5, 7, 9, 11);
      for (int y = 0; y < 9; y++) {
        for (int i = 0; i < 11 * 3; i++) {
          assertThat(window[y * 33 + i]).isEqualTo(full[((5 + y) * size[1] + 7) * 3 + i]);
        }
      }
    }
    byte[] flat = new byte[10 * 12 * 3];
    java.util.Arrays.fill(flat, (byte) 77);
    for (byte b : Resampler.resize(flat, 10, 12, 3, 23, 29)) {
      assertThat(b).isEqualTo((byte) 77);
    }
    assertThat(Resampler.shorterSideTo(375, 500, 512)).containsExactly(512, 683);
    assertThat(Resampler.shorterSideTo(500, 333, 512)).containsExactly(769, 512);
  }

  @Test
  void cropFlipAndErasingAreDeterministicPerSample() {
    int h = 40;
    int w = 48;
    byte[] img = new byte[h * w * 3];
    for (int i = 0; i < img.length; i++) {
      img[i] = (byte) (i * 7);
    }
    Normalization unit = new Normalization(new float[] {0, 0, 0}, new float[] {1, 1, 1});
    CropPipeline plain = new CropPipeline(40, 32, false, 0);
    float[] centre = new float[3 * 32 * 32];
    plain.apply(img, h, w, unit, null, null, centre, 0);
    // centre crop: top 4, left 8
    assertThat(centre[0]).isEqualTo(img[(4 * w + 8) * 3] & 0xff);

    CropPipeline flipOnly = new CropPipeline(40, 32, true, 0);
    CropPipeline erasing = new CropPipeline(40, 32, true, 1);
    int flips = 0;
    int erased = 0;
    for (int sample = 0; sample < 40; sample++) {
      float[] a = new float[3 * 32 * 32];
      float[] b = new float[3 * 32 * 32];
      flipOnly.apply(img, h, w, unit, SeededRandom.derive(1, sample), null, a, 0);
      flipOnly.apply(img, h, w, unit, SeededRandom.derive(1, sample), null, b, 0);
      assertThat(a).containsExactly(b);
      SeededRandom g = SeededRandom.derive(1, sample);
      int top = g.nextInt(40 - 32 + 1);
      int left = g.nextInt(48 - 32 + 1);
      boolean flip = g.nextDouble() < 0.5;
      int sourceX = flip ? 48 - 1 - left : left; // output column 0 in the source image
      assertThat(a[0]).isEqualTo(img[((top) * w + sourceX) * 3] & 0xff);
      flips += flip ? 1 : 0;

      float[] e1 = new float[3 * 32 * 32];
      float[] e2 = new float[3 * 32 * 32];
      erasing.apply(
          img, h, w, unit, SeededRandom.derive(1, sample), SeededRandom.derive(2, sample), e1, 0);
      erasing.apply(
          img, h, w, unit, SeededRandom.derive(1, sample), SeededRandom.derive(2, sample), e2, 0);
      assertThat(e1).containsExactly(e2);
      for (int i = 0; i < e1.length; i++) {
        if (e1[i] != a[i]) {
          erased++;
          break;
        }
      }
    }
    assertThat(flips).isBetween(10, 30);
    assertThat(erased).isBetween(20, 40);
  }

  @Test
  void batchesHaveTheCropShapeAndDoNotDependOnThreads() throws IOException {
    ImageCache cache = ImageCache.prepare(cub(), home(), false, RAW);
    CropPipeline pipeline = CropPipeline.of(40, 32);
    try (NDManager manager = NDManager.newBaseManager();
        ImageSource cached = ImageSource.cached(cache, Split.TRAIN)) {
      List<float[]> one = batches(cached, manager, pipeline, 1, 0);
      List<float[]> two = batches(cached, manager, pipeline, 2, 0);
      assertThat(one).hasSize(3); // 3 images x 2 repeats, batch 2
      for (int i = 0; i < one.size(); i++) {
        assertThat(one.get(i)).containsExactly(two.get(i));
      }
      List<float[]> nextEpoch = batches(cached, manager, pipeline, 2, 1);
      assertThat(nextEpoch.get(0)).isNotEqualTo(one.get(0));

      Path root = cub().locate(home(), false);
      ImageFileList files = ((FileDataset) cub()).index(root, Split.TRAIN);
      try (ImageSource decoding = ImageSource.decoding(files)) {
        List<float[]> fromFiles = batches(decoding, manager, pipeline, 2, 0);
        for (int i = 0; i < one.size(); i++) {
          assertThat(fromFiles.get(i)).containsExactly(one.get(i));
        }
      }

      Iterator<Batch> eval =
          BatchLoader.evaluation(
              ImageSource.cached(cache, Split.TEST),
              new CropTransform(pipeline, NORM),
              manager,
              5,
              2);
      try (Batch batch = eval.next()) {
        assertThat(batch.getData().head().getShape().getShape()).containsExactly(2, 3, 32, 32);
        assertThat(batch.getLabels().head().getShape().getShape()).containsExactly(2);
      }
      assertThat(eval.hasNext()).isFalse();
    }
  }

  private static List<float[]> batches(
      ImageSource source, NDManager manager, CropPipeline pipeline, int threads, int epoch) {
    List<float[]> out = new ArrayList<>();
    Iterator<Batch> it =
        BatchLoader.training(
            source, new CropTransform(pipeline, NORM), manager, 2, 42, epoch, 2, threads);
    while (it.hasNext()) {
      try (Batch batch = it.next()) {
        assertThat(batch.getData().head().getShape().getShape()).containsExactly(2, 3, 32, 32);
        out.add(batch.getData().head().toFloatArray());
      }
    }
    return out;
  }
}
