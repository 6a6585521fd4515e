package dev.cosinerepro.datasets.batch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.cache.CacheOptions;
import dev.cosinerepro.datasets.cache.ImageCache;
import dev.cosinerepro.datasets.cache.ImageShard;
import dev.cosinerepro.datasets.cache.ImageSource;
import dev.cosinerepro.datasets.catalog.Dataset;
import dev.cosinerepro.datasets.catalog.DatasetHarnessTest;
import dev.cosinerepro.datasets.image.ImageSet;
import dev.cosinerepro.datasets.transform.AugmentTransform;
import dev.cosinerepro.datasets.transform.Augmentation;
import dev.cosinerepro.datasets.transform.CropPipeline;
import dev.cosinerepro.datasets.transform.CropTransform;
import dev.cosinerepro.datasets.transform.Normalization;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the exact batches of both kinds of training data (SHA-256 of each batch's float data, labels
 * and indices) for fixed seeds, so that changes to the loaders cannot silently change what a run
 * trains on: an in-memory image set with the small-image flip-shift augmentation and repeats 2, and
 * a small raw image cache with the crop pipeline and repeats 3. The hashes were recorded with the
 * loaders as they were before the two pipelines were merged.
 */
class BatchHashTest {
  @TempDir Path dir;

  private static NDManager manager;

  @BeforeAll
  static void engine() {
    System.setProperty("ai.djl.offline", "true");
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  /** 7 RGB images of 6x8 with varied pixels, labels i % 3. */
  private static ImageSet arrays() {
    int n = 7;
    int h = 6;
    int w = 8;
    byte[] pixels = new byte[n * h * w * 3];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) ((i * 37 + (i / 5) * 11) & 0xff);
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
    }
    return ImageSet.create(h, w, 3, pixels, labels, List.of("a", "b", "c"));
  }

  private static final Normalization ARRAY_NORM =
      new Normalization(new float[] {120, 128, 135}, new float[] {60, 64, 70});

  private static final Normalization IMAGE_NORM =
      new Normalization(new float[] {120, 110, 100}, new float[] {60, 50, 40});

  @Test
  void inMemoryBatchesAreUnchanged() {
    ImageSet set = arrays();
    List<String> hashes = new ArrayList<>();
    for (int epoch = 0; epoch < 2; epoch++) {
      hashes.addAll(
          hashes(
              BatchLoader.training(
                  set,
                  AugmentTransform.of(set, Augmentation.smallImages(), ARRAY_NORM),
                  manager,
                  3,
                  42,
                  epoch,
                  2,
                  1),
              3));
    }
    hashes.addAll(
        hashes(
            BatchLoader.evaluation(
                set, AugmentTransform.of(set, Augmentation.none(), ARRAY_NORM), manager, 4, 1),
            2));
    assertThat(hashes).containsExactly(IN_MEMORY);
  }

  /** The authors' order: each repeat of the subset shuffled on its own (recipe 2's default). */
  @Test
  void inMemoryBatchesShuffledPerRepeatArePinned() {
    ImageSet set = arrays();
    List<String> hashes = new ArrayList<>();
    for (int epoch = 0; epoch < 2; epoch++) {
      hashes.addAll(
          hashes(
              BatchLoader.training(
                  set,
                  AugmentTransform.of(set, Augmentation.smallImages(), ARRAY_NORM),
                  manager,
                  3,
                  42,
                  epoch,
                  2,
                  RepeatShuffle.PER_REPEAT,
                  1),
              5));
    }
    assertThat(hashes).containsExactly(PER_REPEAT);
  }

  @Test
  void imageCacheBatchesAreUnchanged() throws IOException {
    Dataset cub = DatasetHarnessTest.cub(dir.resolve("home/datasets/cub200"));
    ImageCache cache =
        ImageCache.prepare(
            cub,
            dir.resolve("home"),
            false,
            CacheOptions.defaults()
                .withSide(40)
                .withEncoding(ImageShard.Encoding.RAW)
                .withShardLimits(2, 1L << 20));
    CropPipeline pipeline = CropPipeline.of(40, 32);
    List<String> hashes = new ArrayList<>();
    try (ImageSource train = ImageSource.cached(cache, Split.TRAIN);
        ImageSource test = ImageSource.cached(cache, Split.TEST)) {
      for (int epoch = 0; epoch < 2; epoch++) {
        hashes.addAll(
            hashes(
                BatchLoader.training(
                    train, new CropTransform(pipeline, IMAGE_NORM), manager, 2, 7, epoch, 3, 2),
                3));
      }
      hashes.addAll(
          hashes(
              BatchLoader.evaluation(test, new CropTransform(pipeline, IMAGE_NORM), manager, 1, 2),
              2));
    }
    assertThat(hashes).containsExactly(IMAGE_CACHE);
  }

  /** The hashes of the first {@code count} batches. */
  static List<String> hashes(Iterator<Batch> batches, int count) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count && batches.hasNext(); i++) {
      try (Batch batch = batches.next()) {
        out.add(hash(batch));
      }
    }
    return out;
  }

  private static String hash(Batch batch) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    sha.update(batch.getData().head().getShape().toString().getBytes());
    sha.update(floats(batch.getData().head().toFloatArray()));
    sha.update(floats(batch.getLabels().head().toFloatArray()));
    sha.update(batch.getIndices().toString().getBytes());
    return HexFormat.of().formatHex(sha.digest());
  }

  private static byte[] floats(float[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(values);
    return buffer.array();
  }

  private static final String[] PER_REPEAT = {
    "bbd0777cb996de6a3f876a761d48e1f67bcb83be3ef5707c77abc7c673513715",
    "75f6b3eb2281164acf7ce9997a3c5b3fb51b9ab3813d3a11b048202ee2ead55e",
    "a78a9dca94384546441488f30311073ac4b4058040efec472e706f7271f1de11",
    "2d63bd4336acb73fa4f84dc67ac3bf7e7aaf64e2b23127c12ba9d462ed6403ba",
    "cd03d3bcd01979218cfecc1e302985df4d2746e1b750a1765605a43a9008f29e",
    "85fc6f1099305a446751751070171d196918cb211567434966c6fad0fc8bf5e1",
    "2bf8834049614d8135784b4ef1f87f55b0536d940a7fdb9934ec4976a9f739dd",
    "1ef6f1053d140acf0145c681ad820b5e6c661cdc47e66bf400482f42a1ab1885",
    "e0bab4aa6dd584e6f4a31b9d7638100bc3b8f5a6a5a548fd1801df36c44db09f",
    "f9b95a98a95361faad0cdcee125f5e1ae0065a863f8703bab86a2fd170664713",
  };

  private static final String[] IN_MEMORY = {
    "b2984d76f4190ad631728ca43925f5647765a1324a362d172f9b7a3f313664ce",
    "340bd886a5fefee8369d7a32a3c4f59534983735128dd67c42c3d34380648706",
    "fb889a6ca9f89cf5a429475e4139705345c837a6d11e6921f066ec2105bbcf2b",
    "781ff0171671053b31ca90537e286ac4015fea05ef49fccabc049788cbaa48a5",
    "6bc7f1f0bbd55b46290d94672a62dd428498028656523ff8740ede0c3327b224",
    "da0105d19d82b54488163611590997c91e060cda82184deb637889511b29227c",
    "c0fab01fe4b8157ffa814045ae1333ff4e361ed3a536f6d20fa4be123a270b8b",
    "e71ca0bb122cba1343b998a70e05cd1f4fdc879cd5a2038146e87d8adeb9546d",
  };

  private static final String[] IMAGE_CACHE = {
    "23569f351bd5d39d00b379aa4b93470ffc434b4a15484c8fa916772fb75c55de",
    "184f596c49105c1fa8f136b20ad82c9aedd93b277c3720ad90fbd020eae48708",
    "0d660662ddc1b3d800601009d7d0664ef4eeff389f14681b9c1850d966809ced",
    "f8c79e4095371aeaac5772ac957e00b25dce8481a1afb5617e6ddb6ef5d0c647",
    "ddb3343ee676ef35afa7f6a2482d061100273a86d0c96970f428c3eeb66f7d29",
    "b808337096d20f585ecc63f23d6119a0fb74d723e9a5fbd0ed3d39c14bafbfde",
    "32da791482cf3b587f2c2aa4fe9d7de5df8210a1efb13a1d1c455a5baf7e13fb",
    "ff5da818485d8fb7aa8f081695aaf66238b250e0e6838b5c7b53691b96198763",
  };
}
