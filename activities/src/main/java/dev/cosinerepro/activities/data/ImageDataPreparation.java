package dev.cosinerepro.activities.data;

import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.cache.ImageCache;
import dev.cosinerepro.datasets.cache.ImageSource;
import dev.cosinerepro.datasets.sampling.Subsets;
import dev.cosinerepro.storage.Json;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.StoreKeys;
import dev.cosinerepro.workflows.spec.DataRequest;
import dev.cosinerepro.workflows.spec.PreparedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Prepares a file dataset (CUB, NABirds, Cars, Flowers-102, an image folder) for training workers
 * that may run elsewhere: the image cache is built once in the data folder (decoded, shrunk,
 * sharded), its files go to the store with the manifest last, and a run's subset is stored as a
 * list of indices into the training split:
 *
 * <pre>
 * datasets/&lt;cache key&gt;/v1/cache/...                      the cache's shards, stats.json, manifest.json (last)
 * datasets/&lt;cache key&gt;/v1/train-k&lt;k&gt;-s&lt;seed&gt;.indices.json  the subset
 * datasets/&lt;cache key&gt;/v1/train-k&lt;k&gt;-s&lt;seed&gt;.json          the PreparedData record, written last
 * </pre>
 */
final class ImageDataPreparation {
  private final ObjectStore store;
  private final DatasetCatalog catalog;

  ImageDataPreparation(ObjectStore store, DatasetCatalog catalog) {
    this.store = store;
    this.catalog = catalog;
  }

  /** The store prefix of a cache's files. */
  static String cachePrefix(String cacheKey) {
    return StoreKeys.datasetPrefix(cacheKey, DataActivitiesImpl.LAYOUT) + "cache/";
  }

  PreparedData prepare(DataRequest request, String subset) {
    ImageCache cache = catalog.prepareImages(request.dataset());
    String cacheKey = cache.folder().getFileName().toString();
    String recordKey = StoreKeys.dataset(cacheKey, DataActivitiesImpl.LAYOUT, subset + ".json");
    Optional<byte[]> existing = store.get(recordKey);
    if (existing.isPresent()) {
      return Json.read(existing.get(), PreparedData.class);
    }
    String prefix = cachePrefix(cacheKey);
    if (!store.exists(prefix + ImageCache.MANIFEST)) {
      for (String file : cache.relativeFiles()) {
        store.putFile(prefix + file, cache.folder().resolve(file), "application/octet-stream");
      }
    }
    int[] labels;
    try (ImageSource train = ImageSource.cached(cache, Split.TRAIN)) {
      labels = train.labels();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the image cache " + cache.folder(), e);
    }
    List<String> classNames = cache.manifest().classNames();
    int[] indices =
        request.samplesPerClass() > 0
            ? Subsets.perClass(
                labels, classNames.size(), request.samplesPerClass(), request.subsetSeed())
            : IntStream.range(0, labels.length).toArray();
    String indicesKey =
        StoreKeys.dataset(cacheKey, DataActivitiesImpl.LAYOUT, subset + ".indices.json");
    store.putIfAbsent(indicesKey, Json.write(indices), "application/json");
    double[] mean = cache.statistics().mean();
    double[] std = cache.statistics().std();
    PreparedData prepared =
        new PreparedData(
            PreparedData.Source.IMAGE_CACHE,
            indicesKey,
            prefix,
            classNames,
            3,
            0,
            0,
            indices.length,
            cache.size(Split.TEST),
            toList(mean),
            toList(std));
    if (!store.putIfAbsent(recordKey, Json.write(prepared), "application/json")) {
      return Json.read(store.get(recordKey).orElseThrow(), PreparedData.class);
    }
    return prepared;
  }

  private static List<Double> toList(double[] values) {
    List<Double> list = new ArrayList<>(values.length);
    for (double value : values) {
      list.add(value);
    }
    return list;
  }
}
