package dev.cosinerepro.activities.data;

import dev.cosinerepro.activities.Failures;
import dev.cosinerepro.activities.training.Embeddings;
import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.hierarchy.EmbeddingMatrix;
import dev.cosinerepro.datasets.image.ImageSet;
import dev.cosinerepro.datasets.sampling.Subsets;
import dev.cosinerepro.datasets.transform.Normalization;
import dev.cosinerepro.storage.Json;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.StoreKeys;
import dev.cosinerepro.workflows.activity.DataActivities;
import dev.cosinerepro.workflows.spec.DataRequest;
import dev.cosinerepro.workflows.spec.EmbeddingRef;
import dev.cosinerepro.workflows.spec.EmbeddingRequest;
import dev.cosinerepro.workflows.spec.PreparedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prepares a run's data in the object store:
 *
 * <pre>
 * datasets/&lt;name&gt;/v1/test.shard                     the full test split
 * datasets/&lt;name&gt;/v1/train-k&lt;k&gt;-s&lt;seed&gt;.shard        the training subset (k = all: the whole split)
 * datasets/&lt;name&gt;/v1/train-k&lt;k&gt;-s&lt;seed&gt;.json         the PreparedData record, written last
 * </pre>
 *
 * <p>The normalisation statistics are those of the whole training split, as in the paper.
 * Everything is write-once: a repeated call returns the stored record and touches nothing.
 */
public final class DataActivitiesImpl implements DataActivities {
  /** Version of the prepared layout; bump it when the shard contents change meaning. */
  static final String LAYOUT = "v1";

  private static final String SHARD = "application/octet-stream";

  private final ObjectStore store;
  private final DatasetCatalog catalog;
  private final Path dataHome;

  /**
   * Creates the activities.
   *
   * @param store the object store
   * @param catalog where datasets come from
   * @param dataHome the data folder (user-supplied hierarchies such as NABirds' are read from it)
   */
  public DataActivitiesImpl(ObjectStore store, DatasetCatalog catalog, Path dataHome) {
    this.store = store;
    this.catalog = catalog;
    this.dataHome = dataHome;
  }

  @Override
  public PreparedData prepare(DataRequest request) {
    if (!catalog.knows(request.dataset())) {
      throw Failures.invalidInput(
          "The dataset '"
              + request.dataset()
              + "' is not known: use one of "
              + String.join(", ", catalog.names())
              + ".");
    }
    if (catalog.isImageDataset(request.dataset())) {
      try {
        return new ImageDataPreparation(store, catalog).prepare(request, subsetName(request));
      } catch (DatasetException e) {
        throw Failures.invalidInput(e.getMessage(), e);
      }
    }
    String subset = subsetName(request);
    String recordKey = StoreKeys.dataset(request.dataset(), LAYOUT, subset + ".json");
    Optional<byte[]> existing = store.get(recordKey);
    if (existing.isPresent()) {
      return Json.read(existing.get(), PreparedData.class);
    }
    try {
      return prepareFresh(request, subset, recordKey);
    } catch (DatasetException e) {
      throw Failures.invalidInput(e.getMessage(), e);
    }
  }

  private PreparedData prepareFresh(DataRequest request, String subset, String recordKey) {
    ImageSet train = catalog.load(request.dataset(), Split.TRAIN);
    Normalization stats = Normalization.compute(train);
    ImageSet chosen = train;
    if (request.samplesPerClass() > 0) {
      int[] indices =
          Subsets.perClass(
              train.labels(), train.numClasses(), request.samplesPerClass(), request.subsetSeed());
      chosen = train.select(indices);
    }
    String testKey = StoreKeys.dataset(request.dataset(), LAYOUT, "test.shard");
    ImageSet test = catalog.load(request.dataset(), Split.TEST);
    if (!store.exists(testKey)) {
      store.putIfAbsent(testKey, shard(test), SHARD);
    }
    String trainKey = StoreKeys.dataset(request.dataset(), LAYOUT, subset + ".shard");
    store.putIfAbsent(trainKey, shard(chosen), SHARD);
    PreparedData prepared =
        new PreparedData(
            PreparedData.Source.ARRAYS,
            trainKey,
            testKey,
            train.classNames(),
            train.channels(),
            train.height(),
            train.width(),
            chosen.size(),
            test.size(),
            toList(stats.mean()),
            toList(stats.std()));
    if (!store.putIfAbsent(recordKey, Json.write(prepared), "application/json")) {
      return Json.read(store.get(recordKey).orElseThrow(), PreparedData.class);
    }
    return prepared;
  }

  @Override
  public EmbeddingRef embedding(EmbeddingRequest request) {
    try {
      EmbeddingMatrix matrix =
          Embeddings.store(store, dataHome, request.embedding(), request.classNames());
      return new EmbeddingRef(matrix.objectKey(), matrix.classCount(), matrix.dimension());
    } catch (IllegalArgumentException | DatasetException e) {
      throw Failures.invalidInput(e.getMessage(), e);
    }
  }

  /**
   * The file stem of a subset: {@code train-k10-s0}, or {@code train-kall-s0} for the whole split.
   */
  static String subsetName(DataRequest request) {
    String k = request.samplesPerClass() == 0 ? "all" : Integer.toString(request.samplesPerClass());
    return "train-k" + k + "-s" + request.subsetSeed();
  }

  private static byte[] shard(ImageSet set) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      set.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static List<Double> toList(float[] values) {
    List<Double> list = new ArrayList<>(values.length);
    for (float value : values) {
      list.add((double) value);
    }
    return list;
  }
}
