package dev.cosinerepro.app.bench;

import dev.cosinerepro.storage.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The same {@link NetworkItem}s in PyTorch: runs {@code reference.py} (shipped with the
 * application) in a Python interpreter, one process per measurement, with the thread count set
 * explicitly, and reads the JSON line it prints.
 */
public final class PyTorchReference {
  private static final String SCRIPT = "reference.py";
  private static final long TIMEOUT_MINUTES = 30;

  private final String python;
  private final Path script;
  private final int threads;

  private PyTorchReference(String python, Path script, int threads) {
    this.python = python;
    this.script = script;
    this.threads = threads;
  }

  /**
   * Writes the script to {@code work} and checks that {@code python} can import torch.
   *
   * @param python the interpreter command
   * @param work a scratch folder
   * @param threads the thread count PyTorch is told to use
   * @return the reference
   * @throws IllegalArgumentException naming the interpreter and what to install when it cannot run
   *     the script
   */
  public static PyTorchReference prepare(String python, Path work, int threads) {
    Path script = work.resolve(SCRIPT);
    try (InputStream in = PyTorchReference.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException("The application lacks its " + SCRIPT + " resource.");
      }
      Files.copy(in, script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PyTorchReference reference = new PyTorchReference(python, script, threads);
    Result probe = reference.run(List.of("-c", "import torch; print(torch.__version__)"));
    if (probe.exitCode() != 0) {
      throw new IllegalArgumentException(
          "The interpreter '"
              + python
              + "' cannot import torch ("
              + probe.lastLine()
              + "): install Debian's python3-torch (apt-get install python3-torch) or pass"
              + " --python with an interpreter that has PyTorch.");
    }
    return reference;
  }

  /**
   * Measures one item in PyTorch.
   *
   * @param item the workload
   * @return the measurement, engine {@code pytorch}
   * @throws IllegalStateException with the script's last line when it fails
   */
  public Measurement measure(NetworkItem item) {
    return measure(item, null);
  }

  /**
   * Measures one item in PyTorch and, when {@code trace} is given, profiles as many steps again
   * with PyTorch's legacy autograd profiler (the one {@link NetworkBench} uses through libtorch).
   *
   * @param item the workload
   * @param trace where the script writes its Chrome trace, or null for no profile
   * @return the measurement, engine {@code pytorch}, with the {@link OperatorTimes} in its details
   *     when profiled
   * @throws IllegalStateException with the script's last line when it fails
   */
  public Measurement measure(NetworkItem item, Path trace) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                script.toString(),
                "--item",
                item.training() ? "train" : "eval",
                "--arch",
                item.architecture(),
                "--size",
                Integer.toString(item.side()),
                "--channels",
                Integer.toString(item.channels()),
                "--classes",
                Integer.toString(item.classes()),
                "--batch",
                Integer.toString(item.batch()),
                "--steps",
                Integer.toString(item.steps()),
                "--warmup",
                Integer.toString(item.warmup()),
                "--threads",
                Integer.toString(threads),
                "--memory-format",
                item.memoryFormat().id()));
    if (trace != null) {
      arguments.addAll(List.of("--profile", trace.toAbsolutePath().toString()));
    }
    Result result = run(arguments);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "The PyTorch reference failed on " + item.name() + ": " + result.lastLine());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> json =
        Json.read(result.lastLine().getBytes(StandardCharsets.UTF_8), Map.class);
    double median = number(json, "medianSeconds");
    Map<String, Object> details =
        NetworkBench.details(
            item,
            ((Number) json.get("steps")).intValue(),
            median,
            number(json, "minSeconds"),
            number(json, "maxSeconds"));
    details.put("torch", json.get("torch"));
    details.put("memoryFormat", json.get("memoryFormat")); // as the script applied it
    details.put("interopThreads", json.get("interopThreads"));
    details.put("peakRssMiB", json.get("peakRssMiB"));
    Measurement measurement =
        new Measurement(
            item.name(),
            BenchReport.PYTORCH,
            item.batch() / median,
            Measurement.IMAGES_PER_SECOND,
            ((Number) json.get("threads")).intValue(),
            details);
    if (trace == null) {
      return measurement;
    }
    OperatorTimes profile =
        OperatorTimes.read(
            trace, ((Number) json.get("profileSteps")).intValue(), number(json, "profileSeconds"));
    return measurement.withDetail(OperatorTimes.DETAIL, profile);
  }

  private static double number(Map<String, Object> json, String field) {
    return ((Number) json.get(field)).doubleValue();
  }

  private record Result(int exitCode, String lastLine) {}

  private Result run(List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(python);
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return new Result(-1, "no answer within " + TIMEOUT_MINUTES + " minutes");
      }
      String[] lines = output.strip().split("\n");
      return new Result(process.exitValue(), lines[lines.length - 1].strip());
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }
}
