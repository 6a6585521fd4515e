package dev.cosinerepro.app.cli;

import dev.cosinerepro.app.exit.ExitCodes;
import dev.cosinerepro.app.exit.UserError;
import dev.cosinerepro.model.Architectures;
import dev.cosinerepro.model.ModelSummary;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code repro model}: the networks of the paper's recipe. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Describes and benchmarks the networks.",
    subcommands = {ModelCommand.Summary.class})
final class ModelCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Shared network options. */
  static final class Network {
    @Option(
        names = "--arch",
        required = true,
        description = "Network: ${COMPLETION-CANDIDATES}.",
        completionCandidates = ArchitectureNames.class)
    String arch;

    @Option(names = "--classes", required = true, description = "Output classes.")
    int classes;

    @Option(
        names = "--channels",
        defaultValue = "3",
        description = "Input channels. Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(
        names = "--size",
        description = "Input side in pixels. Default: 32 for the CIFAR family, 448 for resnet50.")
    Integer size;

    int side() {
      return size != null ? size : "resnet50".equals(arch) ? 448 : 32;
    }

    void validate() {
      if (!Architectures.names().contains(arch)) {
        throw UserError.input(
            "The network '"
                + arch
                + "' is not known: use one of "
                + String.join(", ", Architectures.names())
                + ".");
      }
      if (classes < 1) {
        throw UserError.input("--classes must be at least 1.");
      }
      if (channels < 1) {
        throw UserError.input("--channels must be at least 1.");
      }
      if (side() < Architectures.minimumInputSide(arch)) {
        throw UserError.input(
            "--size "
                + side()
                + " is too small for "
                + arch
                + ": use at least "
                + Architectures.minimumInputSide(arch)
                + ".");
      }
    }
  }

  /** Network names for completion. */
  static final class ArchitectureNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Architectures.names().iterator();
    }
  }

  /** {@code repro model summary}. */
  @Command(
      name = "summary",
      mixinStandardHelpOptions = true,
      description =
          "Prints the layers, the trainable parameter count and the forward-pass memory at a batch size.")
  static final class Summary implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin Network network;

    @Option(
        names = "--batch",
        defaultValue = "100",
        description = "Batch size for the memory figure. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Override
    public Integer call() {
      network.validate();
      if (batch < 1) {
        throw UserError.input("--batch must be at least 1.");
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          ModelSummary.describe(
              network.arch,
              network.classes,
              network.channels,
              network.side(),
              network.side(),
              batch));
      out.flush();
      return ExitCodes.OK;
    }
  }
}
