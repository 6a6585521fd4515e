package dev.cosinerepro.activities.training;

import dev.cosinerepro.datasets.cache.ImageCache;
import dev.cosinerepro.datasets.catalog.Dataset;
import dev.cosinerepro.datasets.catalog.DatasetRegistry;
import dev.cosinerepro.datasets.io.FileTrees;
import dev.cosinerepro.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local copy of a file dataset's image cache on a training worker: used as it is when the
 * worker prepared it (or fetched it before) and it passes its checks, otherwise (absent or damaged)
 * fetched from the store into a temporary folder and published with one rename, so a half-fetched
 * cache is never opened.
 */
final class ImageCacheMirror {
  private static final Logger LOG = LoggerFactory.getLogger(ImageCacheMirror.class);

  private ImageCacheMirror() {}

  static synchronized ImageCache open(
      ObjectStore store, String prefix, String datasetName, Path dataHome) {
    Dataset dataset = DatasetRegistry.byName(datasetName);
    try {
      Optional<ImageCache> local = ImageCache.open(dataset, dataHome);
      if (local.isPresent()) {
        return local.get();
      }
    } catch (ImageCache.DamagedCacheException e) {
      LOG.warn("{} Fetching it again from the store.", e.getMessage());
      ImageCache.discard(dataset, dataHome);
    }
    Path target = ImageCache.folder(dataset, dataHome);
    Path temp = target.resolveSibling(target.getFileName() + ".fetch-" + UUID.randomUUID());
    try {
      Files.createDirectories(temp);
      for (String key : store.list(prefix)) {
        Path file = temp.resolve(key.substring(prefix.length())).normalize();
        if (!file.startsWith(temp)) {
          throw new IllegalStateException("The cache key " + key + " leaves " + temp);
        }
        Files.createDirectories(file.getParent());
        store.download(key, file);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot fetch the image cache " + prefix + " into " + target, e);
    } finally {
      FileTrees.deleteQuietly(temp);
    }
    return ImageCache.open(dataset, dataHome)
        .orElseThrow(
            () -> new IllegalStateException("The fetched cache " + target + " is incomplete"));
  }
}
