package dev.cosinerepro.datasets.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.image.ImageSet;
import dev.cosinerepro.datasets.transform.AugmentTransform;
import dev.cosinerepro.datasets.transform.Augmentation;
import dev.cosinerepro.datasets.transform.Normalization;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BatchLoaderTest {
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

  /** 10 RGB images of 4x5, image i filled with value 10 * i + channel, labels i % 3. */
  private static ImageSet set() {
    int n = 10;
    byte[] pixels = new byte[n * 4 * 5 * 3];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
      for (int p = 0; p < 20; p++) {
        for (int c = 0; c < 3; c++) {
          pixels[(i * 20 + p) * 3 + c] = (byte) (10 * i + c);
        }
      }
    }
    return ImageSet.create(4, 5, 3, pixels, labels, List.of("a", "b", "c"));
  }

  private static final Normalization NORM =
      new Normalization(new float[] {1, 2, 3}, new float[] {2, 2, 2});

  /** Per batch: the image indices and the flattened data. */
  private static List<float[]> drain(Iterator<Batch> batches, List<List<?>> indices) {
    List<float[]> data = new ArrayList<>();
    while (batches.hasNext()) {
      try (Batch batch = batches.next()) {
        data.add(batch.getData().head().toFloatArray());
        indices.add(batch.getIndices());
      }
    }
    return data;
  }

  @Test
  void evaluationBatchesAreInOrderNormalisedAndKeepThePartialBatch() {
    Iterator<Batch> batches =
        BatchLoader.evaluation(
            set(), AugmentTransform.of(set(), Augmentation.none(), NORM), manager, 4, 1);
    List<Shape> shapes = new ArrayList<>();
    List<float[]> labels = new ArrayList<>();
    float firstValue = Float.NaN;
    float channel2 = Float.NaN;
    while (batches.hasNext()) {
      try (Batch batch = batches.next()) {
        NDArray data = batch.getData().head();
        NDArray label = batch.getLabels().head();
        assertThat(data.getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(label.getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(batch.getProgressTotal()).isEqualTo(3);
        if (shapes.isEmpty()) {
          firstValue = data.getFloat(1, 0, 0, 0);
          channel2 = data.getFloat(1, 2, 3, 4);
        }
        shapes.add(data.getShape());
        labels.add(label.toFloatArray());
      }
    }
    assertThat(shapes)
        .containsExactly(new Shape(4, 3, 4, 5), new Shape(4, 3, 4, 5), new Shape(2, 3, 4, 5));
    assertThat(labels.get(0)).containsExactly(0, 1, 2, 0);
    assertThat(labels.get(2)).containsExactly(2, 0);
    assertThat(firstValue).isCloseTo((10 - 1) / 2f, within(1e-6f));
    assertThat(channel2).isCloseTo((12 - 3) / 2f, within(1e-6f));
  }

  @Test
  void trainingIsDeterministicPerSeedAndEpochAndRepeats() {
    Augmentation aug = new Augmentation(true, 0.15, 0.5);
    List<List<?>> first = new ArrayList<>();
    List<float[]> a =
        drain(
            BatchLoader.training(
                set(), AugmentTransform.of(set(), aug, NORM), manager, 4, 7, 2, 3, 1),
            first);
    List<List<?>> second = new ArrayList<>();
    List<float[]> b =
        drain(
            BatchLoader.training(
                set(), AugmentTransform.of(set(), aug, NORM), manager, 4, 7, 2, 3, 1),
            second);
    assertThat(first).isEqualTo(second);
    assertThat(a).hasSize(8).hasSameSizeAs(b); // 30 images in batches of 4: 7 full + 1 of 2
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i)).isEqualTo(b.get(i));
    }
    assertThat(a.get(7)).hasSize(2 * 3 * 4 * 5);
    List<Object> all = first.stream().flatMap(List::stream).map(o -> (Object) o).toList();
    for (int i = 0; i < 10; i++) {
      Integer image = i;
      assertThat(all.stream().filter(image::equals).count()).isEqualTo(3);
    }
    List<List<?>> otherEpoch = new ArrayList<>();
    drain(
        BatchLoader.training(set(), AugmentTransform.of(set(), aug, NORM), manager, 4, 7, 3, 3, 1),
        otherEpoch);
    assertThat(otherEpoch).isNotEqualTo(first);
    assertThat(BatchLoader.batchesPerEpoch(10, 4, 3)).isEqualTo(8);
  }

  @Test
  void labelsMatchTheShuffledImages() {
    Iterator<Batch> batches =
        BatchLoader.training(
            set(), AugmentTransform.of(set(), Augmentation.none(), NORM), manager, 3, 1, 0, 1, 1);
    while (batches.hasNext()) {
      try (Batch batch = batches.next()) {
        float[] labels = batch.getLabels().head().toFloatArray();
        float[] data = batch.getData().head().toFloatArray();
        List<?> indices = batch.getIndices();
        for (int i = 0; i < labels.length; i++) {
          int image = (Integer) indices.get(i);
          assertThat(labels[i]).isEqualTo(image % 3);
          assertThat(data[i * 60]).isEqualTo((10 * image - 1) / 2f);
        }
      }
    }
  }

  @Test
  void badArgumentsAreRejected() {
    assertThatThrownBy(
            () ->
                BatchLoader.training(
                    set(),
                    AugmentTransform.of(set(), Augmentation.none(), NORM),
                    manager,
                    0,
                    1,
                    0,
                    1,
                    1))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("Batch size 0");
    Normalization grey = new Normalization(new float[] {0}, new float[] {1});
    assertThatThrownBy(
            () ->
                BatchLoader.evaluation(
                    set(), AugmentTransform.of(set(), Augmentation.none(), grey), manager, 2, 1))
        .hasMessageContaining("1 channels but the images have 3");
    assertThatThrownBy(
            () ->
                BatchLoader.training(
                    set(),
                    AugmentTransform.of(set(), Augmentation.none(), NORM),
                    manager,
                    2,
                    1,
                    0,
                    0,
                    1))
        .hasMessageContaining("Repeats 0");
  }
}
