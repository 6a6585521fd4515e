package dev.cosinerepro.app.cli;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import dev.cosinerepro.app.exit.ExitCodes;
import dev.cosinerepro.app.exit.UserError;
import dev.cosinerepro.model.Architectures;
import dev.cosinerepro.model.ModelSummary;
import dev.cosinerepro.model.ModelTrainer;
import dev.cosinerepro.model.TrainerConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code repro model}: the networks of the paper's recipe. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Describes and benchmarks the networks.",
    subcommands = {ModelCommand.Summary.class, ModelCommand.Bench.class})
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

  /** {@code repro model bench}. */
  @Command(
      name = "bench",
      mixinStandardHelpOptions = true,
      description = {
        "Times full training steps (forward, loss, backward, weight decay, global-norm clipping, momentum"
            + " update) on random data and prints the median step time and images/s.",
        "The first steps warm up and are not counted."
      })
  static final class Bench implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin Network network;

    @Option(
        names = "--batch",
        defaultValue = "100",
        description = "Batch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(
        names = "--steps",
        defaultValue = "10",
        description = "Timed steps. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(
        names = "--warmup",
        defaultValue = "2",
        description = "Untimed steps first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(
        names = "--objective",
        defaultValue = "xent",
        description = "Loss. Default: ${DEFAULT-VALUE}.")
    String objective;

    @Override
    public Integer call() {
      network.validate();
      if (batch < 1 || steps < 1 || warmup < 0) {
        throw UserError.input("--batch and --steps must be at least 1, --warmup at least 0.");
      }
      TrainerConfig config;
      try {
        config =
            TrainerConfig.builder()
                .setArchitecture(network.arch)
                .setNumClasses(network.classes)
                .setInputChannels(network.channels)
                .setInputHeight(network.side())
                .setInputWidth(network.side())
                .setObjective(objective)
                .setMaxLearningRate(0.01)
                .setSeed(0)
                .optConstantSchedule(1)
                .optWeightDecay(4e-4)
                .build();
      } catch (IllegalArgumentException e) {
        throw UserError.input(e.getMessage());
      }
      List<Long> stepNanos = new ArrayList<>();
      try (ModelTrainer trainer = ModelTrainer.create(config)) {
        int total = warmup + steps;
        long[] last = {System.nanoTime()};
        trainer.trainEpoch(
            randomBatches(trainer.manager(), total),
            (epoch, step, loss, accuracy, rate) -> {
              long now = System.nanoTime();
              if (step >= warmup) {
                stepNanos.add(now - last[0]);
              }
              last[0] = now;
            });
      }
      Collections.sort(stepNanos);
      double median = stepNanos.get(stepNanos.size() / 2) / 1e9;
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          Locale.ROOT,
          "%s, %d classes, %dx%dx%d input, batch %d, %d threads: median step %.3f s (%.1f images/s) over %d steps"
              + " (min %.3f s, max %.3f s)%n",
          network.arch,
          network.classes,
          network.channels,
          network.side(),
          network.side(),
          batch,
          Runtime.getRuntime().availableProcessors(),
          median,
          batch / median,
          stepNanos.size(),
          stepNanos.get(0) / 1e9,
          stepNanos.get(stepNanos.size() - 1) / 1e9);
      out.flush();
      return ExitCodes.OK;
    }

    private Iterator<Batch> randomBatches(NDManager manager, int count) {
      return new Iterator<>() {
        private int made;

        @Override
        public boolean hasNext() {
          return made < count;
        }

        @Override
        public Batch next() {
          made++;
          NDManager scope = manager.newSubManager();
          var data =
              scope.randomNormal(
                  new Shape(batch, network.channels, network.side(), network.side()));
          var labels =
              scope.randomInteger(
                  0, network.classes, new Shape(batch), ai.djl.ndarray.types.DataType.INT32);
          return new Batch(scope, new NDList(data), new NDList(labels), 1, null, null, made, count);
        }
      };
    }
  }
}
