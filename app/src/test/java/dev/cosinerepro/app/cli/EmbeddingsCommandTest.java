package dev.cosinerepro.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.app.exit.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code repro embeddings}: the table, the exports and the one-line errors. */
class EmbeddingsCommandTest {
  @TempDir Path home;

  /** Runs {@code repro embeddings ARGS} with the project's error handling. */
  private Result run(String... args) {
    CommandLine line = ReproCommand.commandLine(Map.of());
    if (!line.getSubcommands().containsKey("embeddings")) {
      line.addSubcommand(new EmbeddingsCommand());
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    String[] full = new String[args.length + 1];
    full[0] = "embeddings";
    System.arraycopy(args, 0, full, 1, args.length);
    return new Result(line.execute(full), out.toString(), err.toString());
  }

  private record Result(int exitCode, String out, String err) {}

  @Test
  void showPrintsOneRowPerHierarchy() {
    Result r = run("show", "cifar100", "cub-flat");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).contains("nodes", "leaves", "min eig(S)", "max|EE'-S|", "time");
    assertThat(lines.get(1)).startsWith("cifar100").contains(" 163 ", " 100 ", "0.125000000");
    assertThat(lines.get(2)).startsWith("cub-flat").contains(" 368 ", " 200 ", "0.250000000");
    String deviation = lines.get(1).trim().split("\\s+")[6];
    assertThat(Double.parseDouble(deviation)).isLessThan(1e-10);
  }

  @Test
  void exportWritesFullPrecisionRowsInLabelOrder() throws IOException {
    Result r = run("export", "wordnet:fashion-mnist", "--format", "txt");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<String> rows = r.out().lines().toList();
    assertThat(rows).hasSize(10);
    for (String row : rows) {
      double[] values =
          java.util.Arrays.stream(row.split(" ")).mapToDouble(Double::parseDouble).toArray();
      assertThat(values).hasSize(10);
      assertThat(java.util.Arrays.stream(values).map(x -> x * x).sum())
          .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
    }
    Path json = home.resolve("out/cifar.json");
    Result written = run("export", "cifar100", "--format", "json", "--out", json.toString());
    assertThat(written.exitCode()).as(written.toString()).isZero();
    assertThat(written.out()).isEmpty();
    assertThat(Files.readString(json))
        .contains("\"name\": \"cifar100\"", "\"method\": \"unit-sphere\"", "\"classes\": 100")
        .contains("\"apple\", \"aquarium_fish\"");
  }

  @Test
  void exportCanWriteTheTreeAndLowDimensionalEmbeddings() {
    Result edges = run("export", "wordnet:fashion-mnist", "--format", "edges");
    assertThat(edges.out().lines()).hasSize(16).contains("16 0", "16 6");
    Result low = run("export", "cifar100", "--method", "low-dim", "--dim", "7");
    assertThat(low.exitCode()).as(low.toString()).isZero();
    assertThat(low.out().lines().findFirst().orElseThrow().split(" ")).hasSize(7);
  }

  @Test
  void compareReportsTheAgreement() {
    Result r = run("compare", "cifar100", "wordnet:cifar100");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("classes: 100", "class pairs whose lcs", "Pearson correlation");
  }

  @Test
  void nabirdsWithoutDataSaysWhereItLooked() {
    Result r = run("show", "nabirds", "--data-home", home.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .startsWith("repro: nabirds needs " + home.resolve("datasets/nabirds/nabirds.tar.gz"))
        .contains("https://dl.allaboutbirds.org/nabirds")
        .doesNotContain("\tat ");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void badInputIsOneLineWithExitCodeTwo() {
    for (String[] args :
        List.of(
            new String[] {"show", "nope"},
            new String[] {"export", "cifar100", "--format", "csv"},
            new String[] {"export", "cifar100", "--method", "low-dim"},
            new String[] {"export", "cifar100", "--method", "low-dim", "--dim", "101"},
            new String[] {"show", "cifar100", "--method", "bogus"},
            new String[] {"compare", "cifar100", "cub-flat"})) {
      Result r = run(args);
      assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).as(r.toString()).startsWith("repro: ").doesNotContain("\tat ");
      assertThat(r.err().lines()).as(r.toString()).hasSize(1);
    }
  }
}
