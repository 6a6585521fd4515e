package dev.cosinerepro.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cosinerepro.app.Offline;
import dev.cosinerepro.app.exit.ExitCodes;
import dev.cosinerepro.storage.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code repro bench} with shrunken workloads ({@code --tiny}): the command measures what it says,
 * writes every measurement as JSON, and answers bad options in one sentence. The figures of a tiny
 * run mean nothing; docs/benchmarks.md has the real ones.
 */
class BenchCommandTest {
  @TempDir Path dir;

  @BeforeAll
  static void offline() {
    Offline.enforce();
  }

  @Test
  void measuresTheSelectedItemsAndWritesThemAsJson() throws IOException {
    Path json = dir.resolve("out/bench.json");

    Cli bench =
        Cli.run(
            "bench",
            "--tiny",
            "--items",
            "train.resnet20,eval.resnet20,loader,memory.epochs",
            "--loader-threads",
            "1,2",
            "--out",
            json.toString());

    assertThat(bench.exitCode).as(bench.toString()).isZero();
    assertThat(bench.out)
        .contains("| train.resnet20 |", "| eval.resnet20 |")
        .containsPattern("\\| loader\\.448 \\| 1 \\| [0-9.]+ \\|")
        .containsPattern("\\| loader\\.small \\| 2 \\| [0-9.]+ \\|")
        .containsPattern("\\| memory\\.epochs \\| 0 \\| [0-9]+ MiB peak \\|")
        .doesNotContain("| train.resnet110-wide", "| plan.");
    JsonNode report = Json.mapper().readTree(Files.readAllBytes(json));
    List<String> items = new ArrayList<>();
    for (JsonNode m : report.get("measurements")) {
      items.add(m.get("item").asText() + "@" + m.get("threads").asInt());
      assertThat(m.get("value").asDouble()).as(m.toString()).isPositive();
      assertThat(m.get("engine").asText()).isEqualTo("repro");
      if (m.get("item").asText().matches("(train|eval)\\..*")) {
        assertThat(m.get("details").get("memoryFormat").asText()).isEqualTo("channels-last");
      }
      if (m.get("item").asText().equals("memory.epochs")) {
        assertThat(m.get("unit").asText()).isEqualTo("MiB");
        assertThat(m.get("details").get("rssByEpochMiB")).hasSize(4);
        assertThat(m.get("details").get("growthMiBPerEpoch").isNumber()).isTrue();
        // glibc (Debian 12) tells what malloc holds: the bytes in use by epoch, and their slope.
        assertThat(m.get("details").get("mallocInUseByEpochMiB")).hasSize(4);
        assertThat(m.get("details").get("mallocInUseByEpochMiB").get(3).asDouble()).isPositive();
        assertThat(m.get("details").get("mallocInUseGrowthMiBPerEpoch").isNumber()).isTrue();
      }
    }
    assertThat(items)
        .contains("loader.448@1", "loader.448@2", "loader.small@1", "loader.small@2")
        .anyMatch(item -> item.startsWith("train.resnet20@"))
        .anyMatch(item -> item.startsWith("eval.resnet20@"));
    assertThat(report.get("machine").get("processors").asInt()).isPositive();
    assertThat(report.get("command").asText()).startsWith("repro bench --tiny");
  }

  @Test
  void runsTheSameStepsInPyTorchAndPrintsTheRatio() throws Exception {
    String python = pythonWithTorch();
    assumeTrue(python != null, "no Python with PyTorch here (apt-get install python3-torch)");

    Cli bench =
        Cli.run(
            "bench",
            "--tiny",
            "--items",
            "train.resnet20,eval.resnet20",
            "--reference",
            "--profile",
            "--memory-format",
            "contiguous",
            "--python",
            python,
            "--out",
            dir.resolve("ref.json").toString());

    assertThat(bench.exitCode).as(bench.toString()).isZero();
    assertThat(bench.out)
        // best against best, then paired by round over the default 3 rounds
        .containsPattern(
            "\\| train\\.resnet20 \\| [0-9]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+x \\| [0-9.]+x"
                + " \\[[0-9.]+x, [0-9.]+x\\] [a-z ]+ \\(3 rounds\\) \\|")
        .containsPattern(
            "\\| eval\\.resnet20 \\| [0-9]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+x \\| [0-9.]+x"
                + " \\[[0-9.]+x, [0-9.]+x\\] [a-z ]+ \\(3 rounds\\) \\|")
        // --profile: the operators of both sides in one table per item
        .contains("train.resnet20, milliseconds per step", "eval.resnet20, milliseconds per step")
        .containsPattern("\\| aten::convolution_backward \\| [0-9.]+ \\| 19 \\| [0-9.]+ \\| 19 \\|")
        .containsPattern("\\| aten::mkldnn_convolution \\| [0-9.]+ \\| 19 \\| [0-9.]+ \\| 19 \\|");
    JsonNode report = Json.mapper().readTree(Files.readAllBytes(dir.resolve("ref.json")));
    long pytorch = 0;
    for (JsonNode m : report.get("measurements")) {
      if (m.get("engine").asText().equals("pytorch")) {
        pytorch++;
        assertThat(m.get("details").get("torch").asText()).isNotBlank();
      }
      // both engines take the layout asked for
      assertThat(m.get("details").get("memoryFormat").asText()).isEqualTo("contiguous");
      JsonNode profile = m.get("details").get("profile");
      assertThat(profile.get("steps").asInt()).as(m.toString()).isEqualTo(2);
      assertThat(profile.get("insideMillisPerStep").asDouble()).isPositive();
      assertThat(profile.get("outsideMillisPerStep").isNumber()).isTrue();
      assertThat(profile.get("operators").findValuesAsText("operator"))
          .contains("aten::mkldnn_convolution");
    }
    assertThat(pytorch).as("three rounds of two items").isEqualTo(6);
  }

  @Test
  void badOptionsAreAnsweredInOneSentence() {
    Cli unknown = Cli.run("bench", "--items", "train.resnet21", "--out", dir + "/a.json");
    assertThat(unknown.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err)
        .contains(
            "--items train.resnet21 is not a bench item: use train, eval, loader, memory, plan");

    Cli noTorch =
        Cli.run(
            "bench",
            "--tiny",
            "--items",
            "train.resnet20",
            "--reference",
            "--python",
            dir.resolve("no-such-python").toString(),
            "--out",
            dir + "/b.json");
    assertThat(noTorch.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(noTorch.err).contains("cannot import torch", "python3-torch", "--python");

    Cli threads = Cli.run("bench", "--threads", "0", "--out", dir + "/c.json");
    assertThat(threads.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(threads.err).contains("--threads must be at least 1");

    Cli layout = Cli.run("bench", "--memory-format", "nhwc", "--out", dir + "/d.json");
    assertThat(layout.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(layout.err)
        .contains("--memory-format is 'nhwc': use one of contiguous, channels-last.");

    assertThat(dir.resolve("a.json")).doesNotExist();
    assertThat(dir.resolve("b.json")).doesNotExist();
    assertThat(dir.resolve("d.json")).doesNotExist();
  }

  /** python3 on the path, else Debian's, if it imports torch. */
  private static String pythonWithTorch() throws Exception {
    for (String python : List.of("python3", "/usr/bin/python3")) {
      try {
        Process process =
            new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0) {
          return python;
        }
      } catch (IOException e) {
        // not installed
      }
    }
    return null;
  }
}
