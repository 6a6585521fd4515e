package dev.cosinerepro.app.cli;

import dev.cosinerepro.app.exit.ExitCodes;
import dev.cosinerepro.app.exit.UserError;
import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.hierarchy.EmbeddingMatrix;
import dev.cosinerepro.datasets.hierarchy.EmbeddingMethod;
import dev.cosinerepro.datasets.hierarchy.Hierarchy;
import dev.cosinerepro.datasets.hierarchy.HierarchyComparison;
import dev.cosinerepro.datasets.hierarchy.HierarchyRegistry;
import dev.cosinerepro.datasets.hierarchy.NamedHierarchy;
import dev.cosinerepro.datasets.hierarchy.SemanticEmbeddings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code repro embeddings show|export|compare}: the class hierarchies and the semantic class
 * embeddings made from them (Barz &amp; Denzler), computed locally without any service.
 */
@Command(
    name = "embeddings",
    mixinStandardHelpOptions = true,
    description = {
      "Class hierarchies and their semantic class embeddings E with E E^T = S, where S[a][b] = 1 -"
          + " height(lcs(a, b)) / H.",
      "Hierarchies: cub-flat, cub-wikispecies, cub-deep, cifar100, nabirds (from your NABirds"
          + " data), wordnet:fashion-mnist, wordnet:cifar100."
    },
    subcommands = {
      EmbeddingsCommand.Show.class,
      EmbeddingsCommand.Export.class,
      EmbeddingsCommand.Compare.class
    })
final class EmbeddingsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw UserError.input("Give a subcommand of 'repro embeddings': show, export or compare.");
  }

  /** The embedding method options. */
  static final class MethodOptions {
    @Option(
        names = "--method",
        defaultValue = "unit-sphere",
        description =
            "unit-sphere (the paper's Cholesky embeddings), low-dim (top eigenvectors, needs --dim)"
                + " or one-hot. Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(
        names = "--dim",
        paramLabel = "K",
        description = "Embedding dimension for --method low-dim (1..number of classes).")
    Integer dimension;

    EmbeddingMatrix compute(Hierarchy hierarchy) {
      EmbeddingMethod chosen;
      try {
        chosen = EmbeddingMethod.byId(method);
      } catch (IllegalArgumentException e) {
        throw UserError.input(e.getMessage());
      }
      if (chosen == EmbeddingMethod.LOW_DIMENSIONAL && dimension == null) {
        throw UserError.input("--method low-dim needs --dim K, the embedding dimension.");
      }
      if (chosen != EmbeddingMethod.LOW_DIMENSIONAL && dimension != null) {
        throw UserError.input("--dim only applies to --method low-dim.");
      }
      try {
        return EmbeddingMatrix.compute(
            hierarchy, chosen, dimension == null ? hierarchy.classCount() : dimension);
      } catch (IllegalArgumentException e) {
        throw UserError.input(e.getMessage());
      }
    }
  }

  static NamedHierarchy load(String name, Path dataHome) {
    try {
      return HierarchyRegistry.byName(name, dataHome);
    } catch (IllegalArgumentException | DatasetException e) {
      throw UserError.input(e.getMessage());
    }
  }

  /** {@code repro embeddings show NAME...}: one table row per hierarchy. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Prints, for each hierarchy: nodes, leaves (classes), height H, the smallest eigenvalue of"
            + " S (1/H for these trees), max |E E^T - S| of the embeddings, the time taken and the"
            + " start of the content key under which the matrix is stored."
      })
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Hierarchy names.")
    List<String> names;

    @Mixin MethodOptions method;

    @Mixin DataHomeOption home;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      boolean first = true;
      for (String name : names) {
        long start = System.nanoTime();
        Hierarchy h = load(name, home.dataHome()).hierarchy();
        double[][] s = SemanticEmbeddings.similarity(h);
        EmbeddingMatrix e = method.compute(h);
        double smallest = SemanticEmbeddings.smallestEigenvalue(s);
        double deviation = SemanticEmbeddings.maxDeviation(e.rows(), s);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (first) {
          out.printf(
              Locale.ROOT,
              "%-22s %6s %6s %3s %12s %12s %11s %9s  %s%n",
              "hierarchy",
              "nodes",
              "leaves",
              "H",
              "min eig(S)",
              "1/H",
              "max|EE'-S|",
              "time",
              "key");
          first = false;
        }
        out.printf(
            Locale.ROOT,
            "%-22s %6d %6d %3d %12.9f %12.9f %11.2e %7.3f s  %s%n",
            name,
            h.nodeCount(),
            h.classCount(),
            h.height(),
            smallest,
            1.0 / h.height(),
            deviation,
            seconds,
            e.key().substring(0, 12));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code repro embeddings export NAME --format ... [--out FILE]}. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Writes a hierarchy's embedding matrix, one row per class in label order, in full double"
            + " precision: txt (space-separated values) or json (with key, method and class names)."
            + " The formats edges and names write the tree itself as a 'parent child' edge list or"
            + " an 'id name' list.",
        "Writes to standard output unless --out is given (the file is replaced atomically)."
      })
  static final class Export implements Callable<Integer> {
    private static final List<String> FORMATS = List.of("txt", "json", "edges", "names");

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Hierarchy name.")
    String name;

    @Option(
        names = "--format",
        defaultValue = "txt",
        description = "txt, json, edges or names. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Output file.")
    Path output;

    @Mixin MethodOptions method;

    @Mixin DataHomeOption home;

    @Override
    public Integer call() {
      if (!FORMATS.contains(format)) {
        throw UserError.input(
            "The format '" + format + "' is not known: use one of " + String.join(", ", FORMATS));
      }
      NamedHierarchy named = load(name, home.dataHome());
      Consumer<Writer> writer =
          switch (format) {
            case "edges" -> w -> named.hierarchy().writeParentChild(w);
            case "names" -> w -> named.hierarchy().writeIdNames(w);
            default -> {
              EmbeddingMatrix matrix = method.compute(named.hierarchy());
              yield format.equals("json")
                  ? w -> matrix.writeJson(w, named.name(), named.classNames())
                  : matrix::writeText;
            }
          };
      if (output == null) {
        PrintWriter out = spec.commandLine().getOut();
        writer.accept(out);
        out.flush();
      } else {
        writeAtomically(output, writer);
        spec.commandLine().getErr().println("wrote " + output);
      }
      return ExitCodes.OK;
    }

    private static void writeAtomically(Path file, Consumer<Writer> writer) {
      Path target = file.toAbsolutePath();
      Path temp = null;
      try {
        Files.createDirectories(target.getParent());
        temp = Files.createTempFile(target.getParent(), ".export-", ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
          writer.accept(out);
        }
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw UserError.input("Cannot write " + file + ": " + e.getMessage() + ".");
      } finally {
        if (temp != null) {
          try {
            Files.deleteIfExists(temp);
          } catch (IOException ignored) {
            // The temporary file is only clutter.
          }
        }
      }
    }
  }

  /** {@code repro embeddings compare FIRST SECOND}. */
  @Command(
      name = "compare",
      mixinStandardHelpOptions = true,
      description = {
        "Compares two hierarchies over the same classes, e.g. cifar100 with wordnet:cifar100. An"
            + " inner node counts by the set of classes below it (its cluster), so names, ids and"
            + " single-child chains do not matter."
      })
  static final class Compare implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FIRST", description = "First hierarchy name.")
    String first;

    @Parameters(index = "1", paramLabel = "SECOND", description = "Second hierarchy name.")
    String second;

    @Mixin DataHomeOption home;

    @Override
    public Integer call() {
      Hierarchy a = load(first, home.dataHome()).hierarchy();
      Hierarchy b = load(second, home.dataHome()).hierarchy();
      HierarchyComparison comparison;
      try {
        comparison = HierarchyComparison.of(a, b);
      } catch (IllegalArgumentException e) {
        throw UserError.input(e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.print(comparison.describe(first, second));
      out.flush();
      return ExitCodes.OK;
    }
  }
}
