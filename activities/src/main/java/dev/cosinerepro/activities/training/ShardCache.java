package dev.cosinerepro.activities.training;

import dev.cosinerepro.datasets.image.ImageSet;
import dev.cosinerepro.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps recently used data shards in memory. Shards are write-once objects, so a key always names
 * the same content and a cached copy never goes stale.
 */
public final class ShardCache {
  private final ObjectStore store;
  private final long maxBytes;
  private final LinkedHashMap<String, ImageSet> shards = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  /**
   * Creates a cache.
   *
   * @param store where shards are read from
   * @param maxBytes pixel bytes kept at most; older shards are dropped first
   */
  public ShardCache(ObjectStore store, long maxBytes) {
    this.store = store;
    this.maxBytes = maxBytes;
  }

  /** Returns the shard under a key, reading it from the store on a miss. */
  public synchronized ImageSet get(String key) {
    ImageSet cached = shards.get(key);
    if (cached != null) {
      return cached;
    }
    ImageSet loaded;
    try (InputStream in = store.open(key)) {
      loaded = ImageSet.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the data shard " + key, e);
    }
    shards.put(key, loaded);
    bytes += sizeOf(loaded);
    while (bytes > maxBytes && shards.size() > 1) {
      Map.Entry<String, ImageSet> eldest = shards.entrySet().iterator().next();
      bytes -= sizeOf(eldest.getValue());
      shards.remove(eldest.getKey());
    }
    return loaded;
  }

  private static long sizeOf(ImageSet set) {
    return (long) set.size() * set.height() * set.width() * set.channels();
  }
}
