package dev.cosinerepro.datasets.cache;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.catalog.ArrayDataset;
import dev.cosinerepro.datasets.catalog.Dataset;
import dev.cosinerepro.datasets.catalog.DatasetRegistry;
import dev.cosinerepro.datasets.catalog.DeclaredDataset;
import dev.cosinerepro.datasets.catalog.FashionMnist;
import dev.cosinerepro.datasets.catalog.FileDataset;
import dev.cosinerepro.datasets.catalog.ImageFileList;
import dev.cosinerepro.datasets.catalog.ImageFolder;
import dev.cosinerepro.datasets.image.ImageDecoding;
import dev.cosinerepro.datasets.image.ImageSet;
import dev.cosinerepro.datasets.image.Resampler;
import dev.cosinerepro.datasets.io.AtomicFiles;
import dev.cosinerepro.datasets.io.FileTrees;
import dev.cosinerepro.datasets.transform.Normalization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pre-processed cache of a dataset under {@code dataHome/cache/<key>/}, built once by {@link
 * #prepare} so that training never decodes the original files again.
 *
 * <ul>
 *   <li>File datasets (CUB, NABirds, Cars, Flowers-102, image folders): every image decoded once to
 *       RGB, shrunk if its smaller side exceeds {@link CacheOptions#side()} and stored in {@link
 *       ImageShard}s {@code train-00000.shard}, {@code test-00000.shard}, ...
 *   <li>Array datasets (CIFAR-100, Fashion-MNIST): each split as one {@link ImageSet} file {@code
 *       train.cris}, {@code test.cris}.
 *   <li>{@code stats.json}: the per-channel mean and population std of the training split on the
 *       0-255 scale, {@code mean = sum(x) / n}, {@code std = sqrt(sum(x^2) / n - mean^2)} over all
 *       {@code n} stored pixels of a channel (file datasets: the stored images, before JPEG
 *       encoding).
 *   <li>{@code manifest.json}: format, dataset, side, encoding, class names, the shard files and
 *       image count of each split, every skipped image with the reason, and the size and CRC-32 of
 *       every other file of the cache.
 * </ul>
 *
 * <p>{@link #open} checks every file's size and CRC-32 against the manifest before the cache is
 * used; a damaged cache is named ({@link DamagedCacheException}) and {@link #prepare} rebuilds it.
 *
 * <p>The cache is built in a temporary folder beside it and appears by one rename when complete, so
 * a folder at the cache's place is whole unless damaged later; {@link #prepare} on an existing,
 * intact cache does nothing.
 */
public final class ImageCache {
  private static final Logger LOG = LoggerFactory.getLogger(ImageCache.class);

  /** The cache format written into the manifest. */
  public static final int FORMAT = 1;

  /** How the operating system says a disk is full (ENOSPC). */
  private static final String NO_SPACE = "No space left on device";

  /** The manifest file name; written last. */
  public static final String MANIFEST = "manifest.json";

  /** The statistics file name. */
  public static final String STATISTICS = "stats.json";

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  /**
   * The cache's description, stored as {@code manifest.json}.
   *
   * @param format {@link #FORMAT}
   * @param dataset the registry name
   * @param kind {@code files} (image shards) or {@code array} (image-set files)
   * @param side the side images were shrunk to (0 for array datasets)
   * @param encoding {@code raw} or {@code jpeg} ({@code raw} for array datasets)
   * @param classNames class names, index = label
   * @param splits the image count and files (relative to the cache folder) of each split present
   * @param skipped the images left out by {@link BadImagePolicy#SKIP}
   * @param checks the size and CRC-32 of every other file, by name relative to the cache folder
   *     ({@code null} in caches of earlier releases, which are rebuilt)
   */
  public record Manifest(
      int format,
      String dataset,
      String kind,
      int side,
      String encoding,
      List<String> classNames,
      Map<String, SplitFiles> splits,
      List<SkippedImage> skipped,
      Map<String, FileCheck> checks) {

    Manifest withChecks(Map<String, FileCheck> fileChecks) {
      return new Manifest(
          format, dataset, kind, side, encoding, classNames, splits, skipped, fileChecks);
    }
  }

  /**
   * What a cache file must be.
   *
   * @param bytes its length
   * @param crc32 its CRC-32, 8 lower-case hex digits
   */
  public record FileCheck(long bytes, String crc32) {
    static FileCheck of(Path file) throws IOException {
      CRC32 crc = new CRC32();
      long bytes = 0;
      byte[] buffer = new byte[1 << 16];
      try (InputStream in = Files.newInputStream(file)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          crc.update(buffer, 0, n);
          bytes += n;
        }
      }
      return new FileCheck(bytes, String.format(Locale.ROOT, "%08x", crc.getValue()));
    }
  }

  /** A cache whose files do not match its manifest: truncated, changed or missing. */
  public static final class DamagedCacheException extends DatasetException {
    private static final long serialVersionUID = 1L;

    DamagedCacheException(String message) {
      super(message);
    }
  }

  /**
   * The files of one split.
   *
   * @param images number of images
   * @param files the files, relative to the cache folder
   */
  public record SplitFiles(int images, List<String> files) {}

  /**
   * An image left out of the cache.
   *
   * @param split {@code train} or {@code test}
   * @param file the original file
   * @param reason why it could not be decoded
   */
  public record SkippedImage(String split, String file, String reason) {}

  /**
   * The per-channel statistics, stored as {@code stats.json}.
   *
   * @param split the split they were computed on ({@code train})
   * @param images number of images
   * @param pixels pixels per channel summed over the images
   * @param mean per-channel mean, 0-255 scale
   * @param std per-channel population standard deviation, 0-255 scale
   */
  public record Statistics(String split, long images, long pixels, double[] mean, double[] std) {
    /** The normalisation these statistics define. */
    public Normalization normalization() {
      float[] m = new float[mean.length];
      float[] s = new float[std.length];
      for (int c = 0; c < m.length; c++) {
        m[c] = (float) mean[c];
        s[c] = (float) std[c];
      }
      return new Normalization(m, s);
    }
  }

  private final Path folder;
  private final Manifest manifest;

  private ImageCache(Path folder, Manifest manifest) {
    this.folder = folder;
    this.manifest = manifest;
  }

  /** The cache folder of a dataset: {@code dataHome/cache/<key>}. */
  public static Path folder(Dataset dataset, Path dataHome) {
    return dataHome.resolve("cache").resolve(key(dataset));
  }

  /**
   * The folder name of a dataset's cache: the registry name, or for {@code folder:PATH} {@code
   * folder-<last name>-<first 12 hex digits of the SHA-256 of the absolute path>}.
   */
  public static String key(Dataset dataset) {
    if (dataset instanceof ImageFolder folder) {
      Path path = folder.folder().toAbsolutePath().normalize();
      String last = path.getFileName() == null ? "root" : path.getFileName().toString();
      String safe = last.replaceAll("[^A-Za-z0-9._-]", "_");
      return "folder-" + safe + "-" + sha256(path.toString()).substring(0, 12);
    }
    return dataset.name();
  }

  /**
   * Opens a prepared cache.
   *
   * @param dataset the dataset
   * @param dataHome the data home
   * @return the cache, or empty if it has not been prepared
   * @throws DamagedCacheException if a file is missing or its size or CRC-32 differs from the
   *     manifest's (the message names the file and says how to rebuild)
   * @throws DatasetException if the manifest is unreadable
   */
  public static Optional<ImageCache> open(Dataset dataset, Path dataHome) {
    Path folder = folder(dataset, dataHome);
    Path manifestFile = folder.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      return Optional.empty();
    }
    try {
      Manifest manifest = JSON.readValue(manifestFile.toFile(), Manifest.class);
      if (manifest.format() != FORMAT) {
        throw new DatasetException(
            "Cache manifest "
                + manifestFile
                + " has format "
                + manifest.format()
                + " but this code reads format "
                + FORMAT
                + "; delete "
                + folder
                + " and prepare the dataset again.");
      }
      verify(dataset, folder, manifest);
      return Optional.of(new ImageCache(folder, manifest));
    } catch (IOException e) {
      throw new DatasetException(
          "Cache manifest "
              + manifestFile
              + " cannot be read ("
              + e.getMessage()
              + "); delete "
              + folder
              + " and prepare the dataset again.",
          e);
    }
  }

  private static void verify(Dataset dataset, Path folder, Manifest manifest) throws IOException {
    String rebuild = "; run 'repro data prepare " + dataset.name() + "' to rebuild it.";
    if (manifest.checks() == null) {
      throw new DamagedCacheException(
          "The image cache in "
              + folder
              + " was written without file checks by an earlier release"
              + rebuild);
    }
    List<String> names = new ArrayList<>();
    manifest.splits().values().forEach(split -> names.addAll(split.files()));
    names.add(STATISTICS);
    for (String name : names) {
      Path file = folder.resolve(name);
      FileCheck expected = manifest.checks().get(name);
      if (expected == null || !Files.isRegularFile(file)) {
        throw new DamagedCacheException(
            "The image cache in " + folder + " is damaged: " + name + " is missing" + rebuild);
      }
      long bytes = Files.size(file);
      if (bytes != expected.bytes()) {
        throw new DamagedCacheException(
            "The image cache in "
                + folder
                + " is damaged: "
                + name
                + " has "
                + bytes
                + " bytes, its manifest says "
                + expected.bytes()
                + rebuild);
      }
      FileCheck actual = FileCheck.of(file);
      if (!actual.crc32().equals(expected.crc32())) {
        throw new DamagedCacheException(
            "The image cache in "
                + folder
                + " is damaged: "
                + name
                + " has CRC-32 "
                + actual.crc32()
                + ", its manifest says "
                + expected.crc32()
                + rebuild);
      }
    }
  }

  private static Map<String, FileCheck> checksOf(Path folder, Manifest manifest)
      throws IOException {
    Map<String, FileCheck> checks = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    manifest.splits().values().forEach(split -> names.addAll(split.files()));
    names.add(STATISTICS);
    for (String name : names) {
      checks.put(name, FileCheck.of(folder.resolve(name)));
    }
    return checks;
  }

  /**
   * Removes a dataset's cache folder (a damaged one, before it is rebuilt or fetched again).
   *
   * @param dataset the dataset
   * @param dataHome the data home
   */
  public static void discard(Dataset dataset, Path dataHome) {
    Path folder = folder(dataset, dataHome);
    Path doomed =
        folder.resolveSibling("." + folder.getFileName() + "-damaged-" + System.nanoTime());
    try {
      if (Files.exists(folder)) {
        Files.move(folder, doomed, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Removing the damaged cache " + folder + " failed", e);
    }
    deleteTree(doomed);
  }

  /**
   * Prepares the cache of a dataset unless it exists: locates the data (without downloading unless
   * allowed), decodes, shrinks and stores every image, computes the statistics of the training
   * split, and publishes the folder by one rename.
   *
   * @param dataset the dataset
   * @param dataHome the data home
   * @param allowDownload whether {@link Dataset#locate} may download
   * @param options how to build it (ignored for array datasets except the thread count)
   * @return the cache
   * @throws DatasetException if the data is missing, an image is bad under {@link
   *     BadImagePolicy#FAIL}, or an existing cache was built with another side or encoding
   */
  public static ImageCache prepare(
      Dataset dataset, Path dataHome, boolean allowDownload, CacheOptions options) {
    Optional<ImageCache> existing;
    try {
      existing = open(dataset, dataHome);
    } catch (DamagedCacheException e) {
      LOG.warn("{} Rebuilding it.", e.getMessage());
      discard(dataset, dataHome);
      existing = Optional.empty();
    }
    if (existing.isPresent()) {
      existing.get().checkCompatible(options);
      return existing.get();
    }
    Path root = dataset.locate(dataHome, allowDownload);
    Path target = folder(dataset, dataHome);
    Path temp;
    try {
      Files.createDirectories(target.getParent());
      temp = Files.createTempDirectory(target.getParent(), "." + key(dataset) + "-");
    } catch (IOException e) {
      throw diskFull(dataset, target, e)
          .orElseGet(
              () -> new UncheckedIOException("Creating a folder beside " + target + " failed", e));
    }
    try {
      Manifest manifest =
          dataset instanceof FileDataset files
              ? prepareFiles(files, root, temp, options)
              : prepareArrays((ArrayDataset) dataset, root, temp);
      writeJson(temp.resolve(MANIFEST), manifest.withChecks(checksOf(temp, manifest)));
      publish(temp, target);
      return open(dataset, dataHome).orElseThrow();
    } catch (IOException e) {
      throw diskFull(dataset, target, e)
          .orElseGet(() -> new UncheckedIOException("Writing the cache in " + temp + " failed", e));
    } catch (UncheckedIOException e) {
      throw diskFull(dataset, target, e).orElse(e);
    } finally {
      deleteTree(temp);
    }
  }

  /**
   * One sentence for a cache build that ran out of disk space (the partial build in its temporary
   * folder is deleted, so nothing half-written remains), or empty for any other failure.
   */
  private static Optional<RuntimeException> diskFull(
      Dataset dataset, Path target, Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (cause instanceof IOException && message != null && message.contains(NO_SPACE)) {
        long free = -1;
        try {
          free = Files.getFileStore(target.getParent()).getUsableSpace();
        } catch (IOException | RuntimeException unknown) {
          // the free space stays unsaid
        }
        return Optional.<RuntimeException>of(
            new DatasetException(
                "Building the image cache of "
                    + dataset.name()
                    + " in "
                    + target
                    + " failed: "
                    + NO_SPACE
                    + (free < 0 ? "" : " (" + (free >> 20) + " MiB free there)")
                    + "; nothing of it was kept: free space on that disk, or give a data folder"
                    + " on a larger one (--data-home or REPRO_HOME), and run again to build it."));
      }
    }
    return Optional.empty();
  }

  /**
   * Makes the files of a dataset found in {@code source} available where {@link Dataset#locate}
   * looks ({@code dataHome/datasets/<name>/}) by symbolic links; files already there are kept.
   * {@code locate} then verifies their checksums as usual.
   *
   * @param dataset a declared dataset or Fashion-MNIST
   * @param dataHome the data home
   * @param source a folder holding the dataset's files (archives, {@code .mat} or IDX files)
   * @return the number of files linked
   * @throws DatasetException if the source is not a folder, holds none of the files, or the dataset
   *     is an image folder (which is read where it is)
   */
  public static int adoptSource(Dataset dataset, Path dataHome, Path source) {
    if (!Files.isDirectory(source)) {
      throw new DatasetException(
          "The source "
              + source
              + " is not a folder; give the folder holding the dataset's files.");
    }
    List<String> names = new ArrayList<>();
    if (dataset instanceof DeclaredDataset declared) {
      declared.files().forEach(f -> names.add(f.name()));
    } else if (dataset instanceof DatasetRegistry.FashionMnistDataset) {
      for (FashionMnist.DataFile f : FashionMnist.FILES) {
        names.add(f.name());
        names.add(f.name() + ".gz");
      }
    } else {
      throw new DatasetException(
          "The dataset " + dataset.name() + " is read from its own folder; leave out --source.");
    }
    Path own = dataHome.resolve("datasets").resolve(dataset.name());
    int linked = 0;
    int found = 0;
    try {
      for (String name : names) {
        Path from = source.resolve(name);
        if (!Files.isRegularFile(from)) {
          continue;
        }
        found++;
        Path to = own.resolve(name);
        if (Files.exists(to, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        Files.createDirectories(own);
        Files.createSymbolicLink(to, from.toAbsolutePath());
        linked++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Linking the files of " + source + " into " + own + " failed", e);
    }
    if (found == 0) {
      throw new DatasetException(
          "The source "
              + source
              + " holds none of the files of "
              + dataset.name()
              + " ("
              + String.join(", ", names)
              + "); give the folder that holds them.");
    }
    return linked;
  }

  private void checkCompatible(CacheOptions options) {
    if (!manifest.kind().equals("files")) {
      return;
    }
    String encoding = options.encoding().name().toLowerCase(Locale.ROOT);
    if (manifest.side() != options.side() || !manifest.encoding().equals(encoding)) {
      throw new DatasetException(
          "The cache "
              + folder
              + " was prepared with side "
              + manifest.side()
              + " and encoding "
              + manifest.encoding()
              + ", not side "
              + options.side()
              + " and "
              + encoding
              + "; use those settings or delete the folder to prepare it again.");
    }
  }

  private static Manifest prepareArrays(ArrayDataset dataset, Path root, Path temp)
      throws IOException {
    Map<String, SplitFiles> splits = new LinkedHashMap<>();
    List<String> classNames = null;
    for (Split split : Split.values()) {
      ImageSet set = dataset.load(root, split);
      String name = splitName(split) + ".cris";
      set.write(temp.resolve(name));
      splits.put(splitName(split), new SplitFiles(set.size(), List.of(name)));
      classNames = set.classNames();
      if (split == Split.TRAIN) {
        PixelStatistics stats = new PixelStatistics(set.channels());
        byte[] pixels = set.pixelsUnsafe();
        stats.add(pixels, 0, pixels.length);
        writeJson(temp.resolve(STATISTICS), stats.result("train", set.size()));
      }
    }
    return new Manifest(
        FORMAT, dataset.name(), "array", 0, "raw", classNames, splits, List.of(), null);
  }

  private static Manifest prepareFiles(
      FileDataset dataset, Path root, Path temp, CacheOptions options) throws IOException {
    Map<String, SplitFiles> splits = new LinkedHashMap<>();
    List<SkippedImage> skipped = new ArrayList<>();
    List<String> classNames = null;
    ExecutorService pool =
        Executors.newFixedThreadPool(
            options.threads(),
            task -> {
              Thread thread = new Thread(task, "datasets-prepare");
              thread.setDaemon(true);
              return thread;
            });
    try {
      for (Split split : Split.values()) {
        if (split == Split.TEST
            && dataset instanceof ImageFolder folder
            && !folder.hasTestSplit(root)) {
          continue;
        }
        ImageFileList list = dataset.index(root, split);
        classNames = list.classNames();
        PixelStatistics stats = split == Split.TRAIN ? new PixelStatistics(3) : null;
        List<String> files = new ArrayList<>();
        List<ImageShard.Entry> shard = new ArrayList<>();
        long shardBytes = 0;
        int stored = 0;
        Deque<Future<Cached>> window = new ArrayDeque<>();
        int submitted = 0;
        int done = 0;
        while (done < list.size()) {
          while (submitted < list.size() && window.size() < 4 * options.threads()) {
            int i = submitted++;
            window.add(pool.submit(() -> cacheEntry(list.file(i), list.label(i), options)));
          }
          int i = done++;
          Cached cached;
          try {
            cached = window.removeFirst().get();
          } catch (ExecutionException e) {
            if (e.getCause() instanceof DatasetException bad
                && options.onBadImage() == BadImagePolicy.SKIP) {
              LOG.warn("Skipping {}: {}", list.file(i), bad.getMessage());
              String reason = bad.getCause() != null ? bad.getCause().toString() : bad.getMessage();
              skipped.add(new SkippedImage(splitName(split), list.file(i).toString(), reason));
              continue;
            }
            window.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException r) {
              throw r;
            }
            throw new IllegalStateException("Preparing " + list.file(i) + " failed", e.getCause());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("Preparing the cache was interrupted; run it again.", e);
          }
          ImageShard.Entry entry = cached.entry();
          if (stats != null) {
            stats.merge(cached.stats());
          }
          if (!shard.isEmpty()
              && (shard.size() >= options.shardImages()
                  || shardBytes + entry.data().length > options.shardBytes())) {
            files.add(writeShard(temp, split, files.size(), shard));
            shard.clear();
            shardBytes = 0;
          }
          shard.add(entry);
          shardBytes += entry.data().length;
          stored++;
          if (done % 1000 == 0) {
            LOG.info("{} {}: {} of {} images cached", dataset.name(), split, done, list.size());
          }
        }
        if (!shard.isEmpty()) {
          files.add(writeShard(temp, split, files.size(), shard));
        }
        splits.put(splitName(split), new SplitFiles(stored, List.copyOf(files)));
        if (stats != null) {
          if (stored == 0) {
            throw new DatasetException(
                "No training image of "
                    + dataset.name()
                    + " could be decoded; check the files under "
                    + root
                    + ".");
          }
          writeJson(temp.resolve(STATISTICS), stats.result("train", stored));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new Manifest(
        FORMAT,
        dataset.name(),
        "files",
        options.side(),
        options.encoding().name().toLowerCase(Locale.ROOT),
        classNames,
        splits,
        List.copyOf(skipped),
        null);
  }

  /** A cached image and the statistics of its stored pixels (before JPEG encoding). */
  private record Cached(ImageShard.Entry entry, PixelStatistics stats) {}

  /** Decodes one file, shrinks it if larger than the side, and encodes it for the cache. */
  private static Cached cacheEntry(Path file, int label, CacheOptions options) {
    ImageDecoding.Rgb rgb = ImageDecoding.decode(file);
    int h = rgb.height();
    int w = rgb.width();
    byte[] pixels = rgb.pixels();
    if (Math.min(h, w) > options.side()) {
      int[] size = Resampler.shorterSideTo(h, w, options.side());
      pixels = Resampler.resize(pixels, h, w, 3, size[0], size[1]);
      h = size[0];
      w = size[1];
    }
    PixelStatistics stats = new PixelStatistics(3);
    stats.add(pixels, 0, pixels.length);
    if (options.encoding() == ImageShard.Encoding.RAW) {
      return new Cached(new ImageShard.Entry(label, h, w, ImageShard.Encoding.RAW, pixels), stats);
    }
    byte[] jpeg =
        ImageDecoding.encodeJpeg(new ImageDecoding.Rgb(h, w, pixels), options.jpegQuality());
    return new Cached(new ImageShard.Entry(label, h, w, ImageShard.Encoding.JPEG, jpeg), stats);
  }

  private static String writeShard(
      Path temp, Split split, int number, List<ImageShard.Entry> entries) throws IOException {
    String name = String.format(Locale.ROOT, "%s-%05d.shard", splitName(split), number);
    ImageShard.write(entries, temp.resolve(name));
    return name;
  }

  static String splitName(Split split) {
    return split.name().toLowerCase(Locale.ROOT);
  }

  private static void writeJson(Path file, Object value) throws IOException {
    byte[] json = (JSON.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(file, out -> out.write(json));
  }

  /** Moves a finished cache folder into place, keeping one another preparation published first. */
  static void publish(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target);
    } catch (FileSystemException e) {
      // Another preparation (a parallel group's data activity, or another process) published the
      // same cache first. Linux reports the rename onto its non-empty folder as a plain
      // FileSystemException ("Directory not empty"), not always as one of its subclasses.
      if (!Files.isDirectory(target)) {
        throw e;
      }
      LOG.info("{} appeared while preparing; keeping it", target);
      deleteTree(temp);
    }
  }

  private static void deleteTree(Path folder) {
    if (!FileTrees.deleteQuietly(folder)) {
      LOG.warn("Could not delete all of the temporary folder {}", folder);
    }
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The cache folder. */
  public Path folder() {
    return folder;
  }

  /** The manifest. */
  public Manifest manifest() {
    return manifest;
  }

  /** Whether the cache holds image shards (file datasets) rather than image sets. */
  public boolean isSharded() {
    return manifest.kind().equals("files");
  }

  /** Whether a split is present (an image folder may have no test split). */
  public boolean has(Split split) {
    return manifest.splits().containsKey(splitName(split));
  }

  /** Number of cached images of a split (0 if absent). */
  public int size(Split split) {
    SplitFiles files = manifest.splits().get(splitName(split));
    return files == null ? 0 : files.images();
  }

  /**
   * The data files of a split, absolute, in order.
   *
   * @throws DatasetException if the split is absent
   */
  public List<Path> files(Split split) {
    SplitFiles files = manifest.splits().get(splitName(split));
    if (files == null) {
      throw new DatasetException(
          "The cache " + folder + " has no " + splitName(split) + " split; the dataset has none.");
    }
    return files.files().stream().map(folder::resolve).toList();
  }

  /**
   * Every file of the cache, relative to {@link #folder()}, for storing the cache by key: the data
   * files of each split, then {@code stats.json}, then {@code manifest.json} last (store it last
   * and fetch it first: its presence marks a complete cache).
   */
  public List<String> relativeFiles() {
    List<String> out = new ArrayList<>();
    manifest.splits().values().forEach(s -> out.addAll(s.files()));
    out.add(STATISTICS);
    out.add(MANIFEST);
    return out;
  }

  /** Total size of the cache's files in bytes. */
  public long bytes() {
    long total = 0;
    for (String name : relativeFiles()) {
      try {
        total += Files.size(folder.resolve(name));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Reading the size of " + folder.resolve(name) + " failed", e);
      }
    }
    return total;
  }

  /**
   * The training split's statistics from {@code stats.json}.
   *
   * @throws DatasetException if the file is missing or unreadable
   */
  public Statistics statistics() {
    Path file = folder.resolve(STATISTICS);
    try {
      return JSON.readValue(file.toFile(), Statistics.class);
    } catch (IOException e) {
      throw new DatasetException(
          "Statistics file "
              + file
              + " cannot be read ("
              + e.getMessage()
              + "); delete "
              + folder
              + " and prepare the dataset again.",
          e);
    }
  }

  /** Running per-channel sums of uint8 pixels, exact in {@code long}. */
  static final class PixelStatistics {
    private final long[] sum;
    private final long[] sumSquares;
    private long pixels;

    PixelStatistics(int channels) {
      sum = new long[channels];
      sumSquares = new long[channels];
    }

    void add(byte[] hwc, int offset, int length) {
      int channels = sum.length;
      for (int i = offset; i < offset + length; i += channels) {
        for (int c = 0; c < channels; c++) {
          int v = hwc[i + c] & 0xff;
          sum[c] += v;
          sumSquares[c] += v * v;
        }
      }
      pixels += length / channels;
    }

    void merge(PixelStatistics other) {
      for (int c = 0; c < sum.length; c++) {
        sum[c] += other.sum[c];
        sumSquares[c] += other.sumSquares[c];
      }
      pixels += other.pixels;
    }

    Statistics result(String split, long images) {
      double[] mean = new double[sum.length];
      double[] std = new double[sum.length];
      for (int c = 0; c < sum.length; c++) {
        mean[c] = (double) sum[c] / pixels;
        std[c] = Math.sqrt(Math.max(0, (double) sumSquares[c] / pixels - mean[c] * mean[c]));
      }
      return new Statistics(split, images, pixels, mean, std);
    }
  }
}
