package dev.cosinerepro.app.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cosinerepro.app.runtime.NativeHeap;
import dev.cosinerepro.model.ModelTrainer;
import dev.cosinerepro.model.TrainerConfig;
import dev.cosinerepro.storage.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker's resident memory while it trains, as the training activity uses the model: per epoch
 * some training steps, an evaluation batch and a checkpoint written (and, every tenth epoch, read
 * back into the trainer as a resumed chunk does). Resident memory is read from {@code
 * /proc/self/status} after every epoch (after a garbage collection, so the Java heap's slack does
 * not hide a trend); the peak is the kernel's high-water mark, reset before the item starts.
 *
 * <p>Each item runs in a JVM of its own ({@link #inChildProcess}), so its peak is not the memory an
 * earlier item left to the allocator. The figure is the process's peak in MiB (JVM included); the
 * details give the growth over the second half of the epochs (least-squares slope, MiB per epoch):
 * a leak of native memory (an array no manager closes) shows as a steady positive slope. Where the
 * C library tells ({@link NativeHeap}), the details also give the bytes {@code malloc} has handed
 * out and not had back, and the bytes it holds, per epoch with their slopes: a leak grows the
 * first; memory kept for reuse but too fragmented to reuse grows only the second (and resident
 * memory).
 */
public final class MemoryBench {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  private MemoryBench() {}

  /**
   * A memory workload.
   *
   * @param name the item name
   * @param architecture the network
   * @param side input height and width
   * @param classes output classes
   * @param batch training batch
   * @param epochs epochs
   * @param stepsPerEpoch training steps per epoch
   */
  public record MemoryItem(
      String name,
      String architecture,
      int side,
      int classes,
      int batch,
      int epochs,
      int stepsPerEpoch) {

    /** The workloads: the two large networks' peaks and a 100-epoch run for leaks. */
    public static List<MemoryItem> standard() {
      return List.of(
          new MemoryItem("memory.resnet110-wide", "resnet110-wide", 32, 100, 100, 3, 2),
          new MemoryItem("memory.resnet50", "resnet50", 448, 200, 8, 3, 2),
          new MemoryItem("memory.epochs", "resnet20", 32, 100, 100, 100, 2));
    }

    /** A shrunken copy for tests. */
    public MemoryItem tiny() {
      return new MemoryItem(
          name, architecture, architecture.equals("resnet50") ? 32 : 8, 10, 4, 4, 1);
    }
  }

  /** Whether this system reports resident memory as Linux does. */
  public static boolean supported() {
    return Files.isReadable(STATUS);
  }

  /**
   * Trains one item and samples resident memory.
   *
   * @param item the workload
   * @return the peak resident memory in MiB, with the per-epoch samples and the growth
   */
  public static Measurement measure(MemoryItem item) {
    TrainerConfig config =
        TrainerConfig.builder()
            .setArchitecture(item.architecture())
            .setNumClasses(item.classes())
            .setInputChannels(3)
            .setInputHeight(item.side())
            .setInputWidth(item.side())
            .setObjective("xent")
            .setMaxLearningRate(0.01)
            .setSeed(0)
            .optConstantSchedule(item.epochs())
            .optWeightDecay(4e-4)
            .build();
    resetPeak();
    double before = statusMebibytes("VmRSS");
    List<Double> samples = new ArrayList<>();
    List<Double> inUse = new ArrayList<>();
    List<Double> held = new ArrayList<>();
    long checkpointBytes = 0;
    try (ModelTrainer trainer = ModelTrainer.create(config)) {
      for (int epoch = 0; epoch < item.epochs(); epoch++) {
        trainer.trainEpoch(batches(trainer.manager(), item, item.stepsPerEpoch()), null);
        trainer.evaluate(batches(trainer.manager(), item, 1));
        ByteArrayOutputStream checkpoint = new ByteArrayOutputStream();
        trainer.saveCheckpoint(checkpoint);
        checkpointBytes = checkpoint.size();
        if ((epoch + 1) % 10 == 0) {
          trainer.loadCheckpoint(new ByteArrayInputStream(checkpoint.toByteArray()));
        }
        System.gc();
        samples.add(statusMebibytes("VmRSS"));
        NativeHeap.current()
            .ifPresent(
                heap -> {
                  inUse.add(heap.inUseMebibytes());
                  held.add(heap.heldMebibytes());
                });
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    double peak = statusMebibytes("VmHWM");
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("architecture", item.architecture());
    details.put("input", "3x" + item.side() + "x" + item.side());
    details.put("batch", item.batch());
    details.put("epochs", item.epochs());
    details.put("stepsPerEpoch", item.stepsPerEpoch());
    details.put("rssBeforeMiB", before);
    details.put("checkpointBytes", checkpointBytes);
    details.put("growthMiBPerEpoch", slopeOfSecondHalf(samples));
    details.put("rssByEpochMiB", samples);
    if (!inUse.isEmpty()) {
      details.put("mallocInUseGrowthMiBPerEpoch", slopeOfSecondHalf(inUse));
      details.put("mallocHeldGrowthMiBPerEpoch", slopeOfSecondHalf(held));
      details.put("mallocInUseByEpochMiB", inUse);
      details.put("mallocHeldByEpochMiB", held);
    }
    return new Measurement(item.name(), "repro", peak, Measurement.MEBIBYTES, 0, details);
  }

  /**
   * Measures one item in a new JVM with this one's class path ({@code repro bench --items NAME
   * --memory-child}), so that the peak is the item's own.
   *
   * @param item the workload as {@link MemoryItem#standard()} lists it
   * @param tiny whether the child shrinks it ({@link MemoryItem#tiny()})
   * @param json where the child writes its measurement
   * @return the child's measurement
   * @throws IllegalStateException when the child fails, with its last line
   */
  public static Measurement inChildProcess(MemoryItem item, boolean tiny, Path json) {
    String javaBinary = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(javaBinary);
    command.add("-Xmx2g");
    for (String property : List.of("ai.djl.offline", "ai.djl.pytorch.num_threads")) {
      String value = System.getProperty(property);
      if (value != null) {
        command.add("-D" + property + "=" + value);
      }
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "dev.cosinerepro.app.Repro",
            "bench",
            "--memory-child",
            "--items",
            item.name(),
            "--out",
            json.toString()));
    if (tiny) {
      command.add("--tiny");
    }
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0 || !Files.isRegularFile(json)) {
        String[] lines = output.strip().split("\n");
        throw new IllegalStateException(
            "Measuring " + item.name() + " in its own process failed: " + lines[lines.length - 1]);
      }
      JsonNode report = Json.mapper().readTree(Files.readAllBytes(json));
      return Json.mapper().treeToValue(report.get("measurements").get(0), Measurement.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while measuring " + item.name() + ".");
    }
  }

  /** Least-squares slope of the second half of the samples (0 with fewer than 2 points). */
  static double slopeOfSecondHalf(List<Double> samples) {
    List<Double> half = samples.subList(samples.size() / 2, samples.size());
    int n = half.size();
    if (n < 2) {
      return 0;
    }
    double meanX = (n - 1) / 2.0;
    double meanY = half.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      num += (i - meanX) * (half.get(i) - meanY);
      den += (i - meanX) * (i - meanX);
    }
    return num / den;
  }

  private static Iterator<Batch> batches(NDManager manager, MemoryItem item, int count) {
    List<Batch> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(
          NetworkBench.randomBatch(
              manager, item.batch(), 3, item.side(), item.classes(), i, count));
    }
    return list.iterator();
  }

  /** Resets the kernel's peak resident memory of this process (Linux 4.0 and later). */
  private static void resetPeak() {
    try {
      Files.writeString(CLEAR_REFS, "5");
    } catch (IOException | UnsupportedOperationException e) {
      // an older kernel: the peak then covers the whole process
    }
  }

  /** A {@code /proc/self/status} field in MiB ({@code VmRSS}, {@code VmHWM}). */
  private static double statusMebibytes(String field) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(field + ":")) {
          String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
          return Long.parseLong(parts[0]) / 1024.0;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException(STATUS + " has no " + field + " line.");
  }
}
