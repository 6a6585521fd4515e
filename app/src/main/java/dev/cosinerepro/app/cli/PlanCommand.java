package dev.cosinerepro.app.cli;

import dev.cosinerepro.activities.recipe.PlanChecks;
import dev.cosinerepro.app.exit.ExitCodes;
import dev.cosinerepro.app.exit.UserError;
import dev.cosinerepro.app.runtime.PlanEstimate;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.RunTemplate;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code repro plan}: look at plans before running them. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Shows plans: their groups and runs, GPU-epochs, GPU-hours and checkpoint storage.",
    subcommands = {PlanCommand.Show.class})
final class PlanCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code repro plan show}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Shows a plan: every group with its dataset, method, rates, seeds and queue; the runs (with"
            + " --runs); GPU-epochs; estimated GPU-hours; and the storage its checkpoints need.",
        "GPU-hours use an assumed training throughput per network (images/s on one GPU); set yours"
            + " with --throughput resnet50=150,resnet110-wide=2000."
      })
  static final class Show implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = false, multiplicity = "0..1")
    PlanOptions plan;

    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "PLAN",
        description =
            "The plan as a word instead of --plan/--plan-file: a built-in name or a file.")
    String word;

    @Option(
        names = "--throughput",
        split = ",",
        paramLabel = "NET=IMG_PER_S",
        description = "Training images per second on one GPU, per network.")
    Map<String, Double> throughput = new LinkedHashMap<>();

    @Option(names = "--runs", description = "List every run known before training (grid groups).")
    boolean runs;

    @Option(names = "--search", description = "Show the plan with this search: grid or halving.")
    String search;

    @Override
    public Integer call() {
      PlanSpec chosen = PlanOptions.named(plan, word).resolve();
      if (search != null) {
        try {
          chosen = chosen.withSearch(search);
        } catch (IllegalArgumentException e) {
          throw UserError.input(e.getMessage());
        }
      }
      try {
        PlanChecks.validate(chosen);
      } catch (IllegalArgumentException e) {
        throw UserError.input(e.getMessage());
      }
      for (Map.Entry<String, Double> entry : throughput.entrySet()) {
        if (!(entry.getValue() > 0)) {
          throw UserError.input(
              "--throughput " + entry.getKey() + "=" + entry.getValue() + " must be positive.");
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      PlanEstimate estimate = new PlanEstimate(throughput);
      PlanEstimate.Figures total = estimate.of(chosen);
      out.printf(
          Locale.ROOT,
          "Plan '%s': %s%n  search %s, %d groups, %d runs, %,d GPU-epochs, about %,.1f GPU-hours,"
              + " %s of checkpoints%n  workflow id %s%n%n",
          chosen.name(),
          chosen.description(),
          chosen.search(),
          chosen.groups().size(),
          total.runs(),
          total.epochs(),
          total.gpuHours(),
          bytes(total.checkpointBytes()),
          chosen.workflowId());
      out.printf(
          Locale.ROOT,
          "%-44s %-7s %-14s %5s %-12s %-22s %-15s %-24s %5s %8s %9s %10s%n",
          "group",
          "table",
          "dataset",
          "k",
          "objective",
          "embedding",
          "network",
          "rates",
          "seeds",
          "epochs",
          "GPU-h",
          "storage");
      for (GroupSpec group : chosen.groups()) {
        RunTemplate run = group.template();
        PlanEstimate.Figures figures = estimate.of(group);
        String rates =
            group.dependent()
                ? "from " + group.learningRateFrom()
                : group.learningRates().toString();
        out.printf(
            Locale.ROOT,
            "%-44s %-7s %-14s %5s %-12s %-22s %-15s %-24s %5d %,8d %9.1f %10s%n",
            group.name(),
            group.table(),
            run.dataset(),
            run.samplesPerClass() == 0 ? "all" : Integer.toString(run.samplesPerClass()),
            run.loss(),
            run.embedding(),
            run.architecture(),
            rates.length() > 24 ? rates.substring(0, 21) + "..." : rates,
            group.seeds().size(),
            figures.epochs(),
            figures.gpuHours(),
            bytes(figures.checkpointBytes()));
      }
      out.println();
      out.println("Assumed throughput (images/s on one GPU; override with --throughput):");
      chosen.groups().stream()
          .map(group -> group.template().architecture())
          .distinct()
          .forEach(
              net -> out.printf(Locale.ROOT, "  %-16s %,.0f%n", net, estimate.throughputOf(net)));
      out.println("Training runs on the gpu queue; data, ledger and reports on the cpu queue.");
      if (runs) {
        out.println();
        for (RunSpec run : chosen.knownRuns()) {
          out.println(
              run.id() + "  gpu  " + run.label() + "  seed " + run.seed() + "  " + run.canonical());
        }
      }
      out.flush();
      return ExitCodes.OK;
    }

    private static String bytes(long bytes) {
      if (bytes >= 1L << 40) {
        return String.format(Locale.ROOT, "%.1f TiB", bytes / (double) (1L << 40));
      }
      if (bytes >= 1L << 30) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
      }
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
  }
}
