package dev.cosinerepro.activities.training;

import ai.djl.engine.Engine;
import dev.cosinerepro.activities.ledger.WorkerInfo;
import io.temporal.serviceclient.Version;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Finds out, once per process, what this worker trains with: its identity, device, code version and
 * library versions ({@link WorkerInfo}).
 *
 * <p>The code version comes from the system properties {@value #COMMIT} and {@value #DIRTY}, which
 * the {@code repro} launcher sets from git; without them, from {@code git} in the working folder;
 * else it is {@code unknown}.
 */
public final class WorkerProbe {
  /** The system property holding the code's git commit. */
  public static final String COMMIT = "repro.code.commit";

  /** The system property saying whether the working tree had uncommitted changes. */
  public static final String DIRTY = "repro.code.dirty";

  private static volatile WorkerInfo current;

  private WorkerProbe() {}

  /** This worker, probed on the first call. */
  public static WorkerInfo current() {
    WorkerInfo info = current;
    if (info == null) {
      synchronized (WorkerProbe.class) {
        if (current == null) {
          current = probe();
        }
        info = current;
      }
    }
    return info;
  }

  private static WorkerInfo probe() {
    Engine engine = Engine.getInstance();
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("java", System.getProperty("java.version"));
    versions.put("djl", Engine.getDjlVersion());
    versions.put("libtorch", engine.getVersion());
    versions.put("temporal-sdk", Version.LIBRARY_VERSION);
    int threads = Runtime.getRuntime().availableProcessors();
    String device =
        engine.getGpuCount() > 0
            ? "gpu: " + gpuName() + " (" + engine.getGpuCount() + " visible)"
            : "cpu: " + cpuModel() + ", " + threads + " threads";
    String commit = System.getProperty(COMMIT);
    Boolean dirty =
        System.getProperty(DIRTY) == null ? null : Boolean.valueOf(System.getProperty(DIRTY));
    if (commit == null || commit.isBlank()) {
      commit = git("rev-parse", "HEAD");
      String status = commit == null ? null : git("status", "--porcelain", "--untracked-files=no");
      dirty = status == null ? null : !status.isBlank();
    }
    return new WorkerInfo(
        ManagementFactory.getRuntimeMXBean().getName(),
        device,
        commit == null ? "unknown" : commit.strip(),
        dirty,
        versions);
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: the architecture is what can be said.
    }
    return System.getProperty("os.arch");
  }

  private static String gpuName() {
    String names = run(List.of("nvidia-smi", "--query-gpu=name", "--format=csv,noheader"));
    return names == null || names.isBlank()
        ? "CUDA device"
        : String.join(", ", names.strip().lines().distinct().toList());
  }

  private static String git(String... args) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    return run(command);
  }

  /** The output of a short command, or null when it cannot run or fails. */
  private static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
      process.getOutputStream().close();
      byte[] out;
      try (InputStream in = process.getInputStream()) {
        out = in.readAllBytes();
      }
      if (!process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroy();
        return null;
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
