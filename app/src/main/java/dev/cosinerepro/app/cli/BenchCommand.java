package dev.cosinerepro.app.cli;

import dev.cosinerepro.app.bench.BenchReport;
import dev.cosinerepro.app.bench.LoaderBench;
import dev.cosinerepro.app.bench.Measurement;
import dev.cosinerepro.app.bench.MemoryBench;
import dev.cosinerepro.app.bench.NetworkBench;
import dev.cosinerepro.app.bench.NetworkItem;
import dev.cosinerepro.app.bench.OrchestrationBench;
import dev.cosinerepro.app.bench.PyTorchReference;
import dev.cosinerepro.app.exit.ExitCodes;
import dev.cosinerepro.app.exit.UserError;
import dev.cosinerepro.app.runtime.MallocTunables;
import dev.cosinerepro.datasets.cache.ImageShard;
import dev.cosinerepro.datasets.io.FileTrees;
import dev.cosinerepro.model.EngineFacts;
import dev.cosinerepro.model.MemoryFormat;
import dev.cosinerepro.storage.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code repro bench}: this machine's speed on the model, the loaders and the orchestration. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures on this machine: full training steps and evaluation batches (images/s) of resnet20"
          + " and resnet110-wide at 32 px and resnet50 at 448 px, the 448 and small-image loaders at"
          + " several thread counts, and the share of a tiny plan's wall time outside training and"
          + " evaluation. Prints a table and writes every measurement as JSON.",
      "With --reference the same training steps and evaluations run in PyTorch (Debian's"
          + " python3-torch), alternating with the Java measurements, and the table gives the"
          + " ratio. With --profile each network item is also profiled operator by operator. Items: "
          + "train.resnet20, train.resnet110-wide, train.resnet50, eval.resnet20,"
          + " eval.resnet110-wide, eval.resnet50, loader.448, loader.448-raw, loader.small, memory.resnet110-wide,"
          + " memory.resnet50, memory.epochs (100 epochs: does resident memory grow?), plan."
    })
final class BenchCommand extends EnvironmentCommand implements Callable<Integer> {
  private static final List<String> GROUPS = List.of("train", "eval", "loader", "memory", "plan");

  @Mixin DataHomeOption home;

  @Option(
      names = "--items",
      split = ",",
      paramLabel = "ITEM",
      description =
          "Items or groups of items (train, eval, loader, memory, plan, or a name such as"
              + " train.resnet20). Default: all.")
  List<String> items;

  @Option(
      names = "--reference",
      description = "Also run the network items in PyTorch, alternately, and print the ratios.")
  boolean reference;

  @Option(
      names = "--profile",
      description =
          "After the timed steps of each network item, profile as many steps again with"
              + " libtorch's profiler (with --reference also PyTorch's, the same profiler) and"
              + " print each operator's self time per step side by side.")
  boolean profile;

  @Option(
      names = "--python",
      defaultValue = "python3",
      description =
          "The Python interpreter with PyTorch for --reference. Default: ${DEFAULT-VALUE}.")
  String python;

  @Option(
      names = "--threads",
      description =
          "libtorch's threads within an operation, for both engines. Default: libtorch's own"
              + " choice (the physical cores).")
  Integer threads;

  @Option(
      names = "--repeats",
      description =
          "How often each network item is measured (alternating with PyTorch); the table gives"
              + " each engine's best and, with --reference, the ratio paired by round with its 95 %%"
              + " interval. Default: 3 with --reference (the fewest rounds that give an interval"
              + " with a finite width worth reading), else 1.")
  Integer repeats;

  @Option(
      names = "--memory-format",
      defaultValue = "channels-last",
      paramLabel = "FORMAT",
      description =
          "How the network items lay out their batches, on both engines: channels-last (as the"
              + " quick plan) or contiguous (row-major, the recipe default). Default:"
              + " ${DEFAULT-VALUE}.")
  String memoryFormat;

  @Option(
      names = "--scale",
      defaultValue = "1",
      description =
          "Multiplies the timed steps of every network item (e.g. 0.5 for a quicker, noisier run)."
              + " Default: ${DEFAULT-VALUE}.")
  double scale;

  @Option(
      names = "--loader-threads",
      split = ",",
      paramLabel = "N",
      description =
          "Thread counts for the loader items. Default: 1, 2, 4, ... up to the processors.")
  List<Integer> loaderThreads;

  @Option(
      names = "--loader-images",
      defaultValue = "96",
      description = "Synthetic 500 x 375..500 JPEGs for loader.448. Default: ${DEFAULT-VALUE}.")
  int loaderImages;

  @Option(
      names = "--tiny",
      description =
          "Shrinks every network workload to a few tiny images: checks that the command works,"
              + " measures nothing meaningful.")
  boolean tiny;

  @Option(names = "--memory-child", hidden = true)
  boolean memoryChild;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where the JSON goes. Default: <data home>/bench/bench-<time>.json.")
  Path out;

  @Override
  public Integer call() throws InterruptedException {
    List<String> selected = selectedItems();
    int processors = Runtime.getRuntime().availableProcessors();
    if (threads != null) {
      if (threads < 1) {
        throw UserError.input("--threads must be at least 1, got " + threads + ".");
      }
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    }
    int rounds = repeats != null ? repeats : reference ? 3 : 1;
    if (rounds < 1) {
      throw UserError.input("--repeats must be at least 1, got " + rounds + ".");
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw UserError.input("--scale must be a positive number, got " + scale + ".");
    }
    MemoryFormat layout;
    try {
      layout = MemoryFormat.fromId(memoryFormat);
    } catch (IllegalArgumentException e) {
      throw UserError.input(
          "--memory-format is '"
              + memoryFormat
              + "': use one of "
              + String.join(", ", MemoryFormat.names())
              + ".");
    }
    List<Integer> loaderCounts = loaderThreads != null ? loaderThreads : powersOfTwo(processors);
    if (loaderCounts.isEmpty() || loaderCounts.stream().anyMatch(n -> n < 1)) {
      throw UserError.input("--loader-threads must list thread counts of at least 1.");
    }
    if (loaderImages < 10) {
      throw UserError.input("--loader-images must be at least 10, got " + loaderImages + ".");
    }
    PrintWriter err = spec.commandLine().getErr();
    String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    EngineFacts engine = EngineFacts.probe();
    Path work = scratchFolder();
    PyTorchReference torch = null;
    if (reference) {
      try {
        torch = PyTorchReference.prepare(python, work, engine.intraOpThreads());
      } catch (IllegalArgumentException e) {
        throw UserError.input(e.getMessage());
      }
    }
    List<Measurement> measurements = new ArrayList<>();
    try {
      for (NetworkItem item : NetworkItem.standard(layout)) {
        if (!selected.contains(item.name())) {
          continue;
        }
        NetworkItem sized = tiny ? item.tiny() : item.scaled(scale);
        for (int round = 0; round < rounds; round++) {
          err.printf(Locale.ROOT, "%s (round %d of %d) ...%n", item.name(), round + 1, rounds);
          err.flush();
          measurements.add(NetworkBench.measure(sized, trace(work, item, "repro", round)));
          if (torch != null) {
            measurements.add(torch.measure(sized, trace(work, item, "pytorch", round)));
          }
        }
      }
      for (ImageShard.Encoding encoding : ImageShard.Encoding.values()) {
        String item = encoding == ImageShard.Encoding.RAW ? "loader.448-raw" : "loader.448";
        if (selected.contains(item)) {
          err.println(item + " ...");
          err.flush();
          measurements.addAll(
              LoaderBench.largeImages(
                  work.resolve(item),
                  tiny ? 10 : loaderImages,
                  tiny ? 1 : 2,
                  loaderCounts,
                  encoding));
        }
      }
      if (selected.contains("loader.small")) {
        err.println("loader.small ...");
        err.flush();
        measurements.addAll(LoaderBench.smallImages(tiny ? 1 : 3, loaderCounts));
      }
      for (MemoryBench.MemoryItem item : MemoryBench.MemoryItem.standard()) {
        if (selected.contains(item.name())) {
          if (!MemoryBench.supported()) {
            err.println(item.name() + " skipped: this system has no /proc/self/status.");
            continue;
          }
          err.println(item.name() + " ...");
          err.flush();
          measurements.add(
              memoryChild
                  ? MemoryBench.measure(tiny ? item.tiny() : item)
                  : MemoryBench.inChildProcess(item, tiny, work.resolve(item.name() + ".json")));
        }
      }
      if (selected.contains("plan")) {
        err.println("plan (a tiny plan on the embedded stack) ...");
        err.flush();
        measurements.addAll(OrchestrationBench.measure(work.resolve("plan"), env()));
      }
    } catch (IllegalStateException e) {
      throw UserError.service(e.getMessage());
    } finally {
      FileTrees.deleteQuietly(work); // a scratch folder; leftovers are harmless
    }
    BenchReport report =
        new BenchReport(machine(engine, processors), commandLine(), started, measurements);
    Path json = out != null ? out : defaultOut(started);
    write(json, report);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(report.table());
    stdout.print(report.profileTables());
    stdout.println("Every measurement: " + json);
    stdout.flush();
    return ExitCodes.OK;
  }

  /** Where a profiled step's trace goes, or null without --profile. */
  private Path trace(Path work, NetworkItem item, String engine, int round) {
    return profile ? work.resolve(item.name() + "-" + engine + "-" + round + ".trace.json") : null;
  }

  private List<String> selectedItems() {
    List<String> all =
        Stream.concat(
                NetworkItem.names().stream(),
                Stream.concat(
                    Stream.of("loader.448", "loader.448-raw", "loader.small"),
                    Stream.concat(
                        MemoryBench.MemoryItem.standard().stream()
                            .map(MemoryBench.MemoryItem::name),
                        Stream.of("plan"))))
            .toList();
    if (items == null || items.isEmpty()) {
      return all;
    }
    List<String> selected = new ArrayList<>();
    for (String item : items) {
      String name = item.strip();
      List<String> matching =
          all.stream().filter(known -> known.equals(name) || known.startsWith(name + ".")).toList();
      if (matching.isEmpty()) {
        throw UserError.input(
            "--items "
                + name
                + " is not a bench item: use "
                + String.join(", ", GROUPS)
                + " or one of "
                + String.join(", ", all)
                + ".");
      }
      selected.addAll(matching);
    }
    return selected;
  }

  private static List<Integer> powersOfTwo(int processors) {
    List<Integer> counts = new ArrayList<>();
    for (int n = 1; n < processors; n *= 2) {
      counts.add(n);
    }
    counts.add(processors);
    return counts;
  }

  private Map<String, Object> machine(EngineFacts engine, int processors) {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("processors", processors);
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    machine.put("java", System.getProperty("java.version"));
    machine.put("libtorch", engine.libtorchVersion() + " " + engine.flavor());
    machine.put("devices", engine.devices());
    machine.put("intraOpThreads", engine.intraOpThreads());
    machine.put("interOpThreads", engine.interOpThreads());
    machine.put("glibcTunables", MallocTunables.current(System.getenv()));
    machine.put("load", loadAverage());
    return machine;
  }

  private static String loadAverage() {
    double load =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f at start", load);
  }

  private String commandLine() {
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    return "repro " + String.join(" ", args);
  }

  private Path scratchFolder() {
    try {
      return Files.createTempDirectory("repro-bench-");
    } catch (IOException e) {
      throw UserError.input(
          "Cannot create a scratch folder in "
              + System.getProperty("java.io.tmpdir")
              + " ("
              + e.getMessage()
              + "): free some space or set -Djava.io.tmpdir.");
    }
  }

  private Path defaultOut(String started) {
    String stamp = DateTimeFormatter.ISO_INSTANT.format(Instant.parse(started)).replace(":", "");
    return home.dataHome().resolve("bench").resolve("bench-" + stamp + ".json");
  }

  private static void write(Path json, BenchReport report) {
    try {
      Path parent = json.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(json, Json.writePretty(report));
    } catch (IOException e) {
      throw UserError.input(
          "Cannot write the measurements to " + json + " (" + e.getMessage() + "): pass --out.");
    }
  }
}
