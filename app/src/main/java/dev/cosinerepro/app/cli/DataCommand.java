package dev.cosinerepro.app.cli;

import dev.cosinerepro.app.exit.ExitCodes;
import dev.cosinerepro.app.exit.UserError;
import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.cache.BadImagePolicy;
import dev.cosinerepro.datasets.cache.CacheOptions;
import dev.cosinerepro.datasets.cache.ImageCache;
import dev.cosinerepro.datasets.cache.ImageShard;
import dev.cosinerepro.datasets.catalog.Dataset;
import dev.cosinerepro.datasets.catalog.DatasetRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code repro data prepare|info}: the local pre-processed cache of a dataset under {@code
 * <data-home>/cache/<dataset>/}: images decoded once, shrunk to the smaller side 512 and stored in
 * shards, with the training split's per-channel statistics.
 */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = {
      "Prepares and describes the local cache of a dataset: images decoded once, shrunk so that"
          + " the smaller side is at most --side (bilinear) and stored in shards, plus the"
          + " per-channel mean and std of the training split."
    },
    subcommands = {DataCommand.Prepare.class, DataCommand.Info.class})
final class DataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw UserError.input("Give a subcommand of 'repro data': prepare or info.");
  }

  static Dataset dataset(String name) {
    try {
      return DatasetRegistry.byName(name);
    } catch (DatasetException e) {
      throw UserError.input(e.getMessage());
    }
  }

  /** {@code repro data prepare NAME}. */
  @Command(
      name = "prepare",
      mixinStandardHelpOptions = true,
      description = {
        "Builds the cache of a dataset unless it exists (then it does nothing). The data is looked"
            + " for under <data-home>/datasets/<name>/ (Fashion-MNIST also in"
            + " /usr/share/datasets/fashion-mnist); --source links the files from another folder.",
        "An image that cannot be decoded stops the preparation (--on-bad-image fail) or is left"
            + " out, counted and listed by 'repro data info' (skip)."
      })
  static final class Prepare implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "NAME",
        description = "Dataset: ${COMPLETION-CANDIDATES}.",
        completionCandidates = DatasetNames.class)
    String name;

    @Option(
        names = "--source",
        paramLabel = "DIR",
        description = "Folder holding the dataset's archives or files, linked into the data home.")
    Path source;

    @Option(
        names = "--on-bad-image",
        paramLabel = "POLICY",
        defaultValue = "fail",
        description = "fail or skip. Default: ${DEFAULT-VALUE}.")
    String onBadImage;

    @Option(
        names = "--side",
        paramLabel = "PIXELS",
        defaultValue = "512",
        description = "Smaller side images are shrunk to. Default: ${DEFAULT-VALUE}.")
    int side;

    @Option(
        names = "--encoding",
        paramLabel = "ENC",
        defaultValue = "jpeg",
        description =
            "jpeg (quality 95, about a tenth of the space) or raw (fastest to load)."
                + " Default: ${DEFAULT-VALUE}.")
    String encoding;

    @Option(
        names = "--download",
        description = "Allow downloading files that have a public source (CUB, Flowers-102, ...).")
    boolean download;

    @Mixin DataHomeOption home;

    @Override
    public Integer call() {
      Dataset dataset = dataset(name);
      Path dataHome = home.dataHome();
      CacheOptions options;
      try {
        options =
            CacheOptions.defaults()
                .withSide(side)
                .withEncoding(encoding(encoding))
                .withOnBadImage(BadImagePolicy.parse(onBadImage));
      } catch (DatasetException e) {
        throw UserError.input(e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      try {
        Optional<ImageCache> existing;
        try {
          existing = ImageCache.open(dataset, dataHome);
        } catch (ImageCache.DamagedCacheException e) {
          out.println(e.getMessage().replaceFirst("; run .*", "") + ": rebuilding it.");
          existing = Optional.empty();
        }
        if (existing.isEmpty() && source != null) {
          int linked = ImageCache.adoptSource(dataset, dataHome, source);
          out.printf(Locale.ROOT, "linked %d file(s) from %s%n", linked, source);
        }
        long start = System.nanoTime();
        ImageCache cache = ImageCache.prepare(dataset, dataHome, download, options);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (existing.isPresent()) {
          out.println(dataset.name() + " is already prepared in " + cache.folder());
        } else {
          out.printf(
              Locale.ROOT, "prepared %s in %.1f s: %s%n", dataset.name(), seconds, cache.folder());
          describe(cache, out);
        }
      } catch (DatasetException e) {
        throw UserError.input(e.getMessage());
      }
      out.flush();
      return ExitCodes.OK;
    }

    private static ImageShard.Encoding encoding(String value) {
      return switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "jpeg" -> ImageShard.Encoding.JPEG;
        case "raw" -> ImageShard.Encoding.RAW;
        default -> throw new DatasetException("Unknown encoding '" + value + "'; use jpeg or raw.");
      };
    }
  }

  /** {@code repro data info NAME}. */
  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description = {
        "Describes the prepared cache of a dataset: images per split, classes, the training"
            + " split's per-channel mean and std (0-255 scale), where the cache lives, its size,"
            + " and every image left out."
      })
  static final class Info implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "NAME",
        description = "Dataset: ${COMPLETION-CANDIDATES}.",
        completionCandidates = DatasetNames.class)
    String name;

    @Mixin DataHomeOption home;

    @Override
    public Integer call() {
      Dataset dataset = dataset(name);
      PrintWriter out = spec.commandLine().getOut();
      try {
        ImageCache cache =
            ImageCache.open(dataset, home.dataHome())
                .orElseThrow(
                    () ->
                        UserError.input(
                            dataset.name()
                                + " is not prepared in "
                                + ImageCache.folder(dataset, home.dataHome())
                                + "; run 'repro data prepare "
                                + name
                                + "' first."));
        out.println("dataset:  " + cache.manifest().dataset());
        out.println("cache:    " + cache.folder());
        describe(cache, out);
      } catch (DatasetException e) {
        throw UserError.input(e.getMessage());
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  static void describe(ImageCache cache, PrintWriter out) {
    ImageCache.Manifest m = cache.manifest();
    String storage =
        cache.isSharded()
            ? "shards, smaller side at most " + m.side() + ", " + m.encoding()
            : "image sets, " + m.encoding();
    out.printf(
        Locale.ROOT,
        "storage:  %s, %d file(s), %.1f MB%n",
        storage,
        cache.relativeFiles().size(),
        cache.bytes() / 1e6);
    out.println("classes:  " + m.classNames().size());
    for (Split split : Split.values()) {
      String count = cache.has(split) ? Integer.toString(cache.size(split)) : "none";
      out.println(
          String.format(
              Locale.ROOT, "%-9s %s", split.name().toLowerCase(Locale.ROOT) + ":", count));
    }
    ImageCache.Statistics stats = cache.statistics();
    out.println("mean:     " + numbers(stats.mean()) + " (train, 0-255)");
    out.println("std:      " + numbers(stats.std()) + " (train, 0-255)");
    out.println("skipped:  " + m.skipped().size());
    for (ImageCache.SkippedImage s : m.skipped()) {
      out.println("  " + s.split() + " " + s.file() + ": " + s.reason());
    }
  }

  private static String numbers(double[] values) {
    StringBuilder b = new StringBuilder();
    for (double v : values) {
      b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", v));
    }
    return b.toString();
  }

  /** The dataset names of the registry, and a user's folder. */
  static final class DatasetNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      List<String> names = new java.util.ArrayList<>(DatasetRegistry.NAMES);
      names.add("folder:PATH");
      return names.iterator();
    }
  }
}
