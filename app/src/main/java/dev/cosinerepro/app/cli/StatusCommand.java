package dev.cosinerepro.app.cli;

import dev.cosinerepro.app.exit.ExitCodes;
import dev.cosinerepro.app.exit.UserError;
import dev.cosinerepro.app.runtime.PlanRunner;
import dev.cosinerepro.app.runtime.Services;
import dev.cosinerepro.app.stack.StackPorts;
import dev.cosinerepro.workflows.group.GroupWorkflow;
import dev.cosinerepro.workflows.plan.ReproductionWorkflow;
import dev.cosinerepro.workflows.run.RunWorkflow;
import dev.cosinerepro.workflows.spec.GroupProgress;
import dev.cosinerepro.workflows.spec.PlanProgress;
import dev.cosinerepro.workflows.spec.RunProgress;
import dev.cosinerepro.workflows.spec.RunState;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code repro status [ID]}: where a reproduction or a run stands. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Shows a reproduction's runs with progress bars (or one run's, for an id starting with"
            + " `run-`). Without an id: the plan this data folder started last.")
final class StatusCommand extends EnvironmentCommand implements Callable<Integer> {
  private static final int BAR = 30;

  @Parameters(arity = "0..1", paramLabel = "ID", description = "Workflow id (plan-... or run-...).")
  String id;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    String workflowId = id;
    if (workflowId == null) {
      List<String> last = PlanRunner.lastPlan(connection.dataHome());
      if (last.isEmpty()) {
        throw UserError.input(
            "No plan was started from the data folder "
                + connection.dataHome()
                + ": give a workflow id.");
      }
      workflowId = last.get(0);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Services services =
        Services.open(connection.settings(env()), registry, StackPorts.ephemeral(), true)) {
      WorkflowClient client = services.client();
      try {
        if (workflowId.startsWith("run-")) {
          out.println(line(client.newWorkflowStub(RunWorkflow.class, workflowId).progress()));
        } else {
          PlanProgress plan =
              client.newWorkflowStub(ReproductionWorkflow.class, workflowId).progress();
          out.println(
              "Plan '"
                  + plan.planName()
                  + "' ("
                  + plan.planWorkflowId()
                  + "): "
                  + plan.phase()
                  + ", "
                  + plan.endedGroups()
                  + "/"
                  + plan.groups().size()
                  + " groups ended");
          for (GroupProgress group : plan.groups()) {
            out.println(groupLine(group));
            if (group.state() != RunState.RUNNING) {
              continue;
            }
            List<RunProgress> runs;
            try {
              runs = client.newWorkflowStub(GroupWorkflow.class, group.workflowId()).runs();
            } catch (RuntimeException notStarted) {
              runs = List.of();
            }
            for (RunProgress run : runs) {
              RunProgress live = run;
              if (run.state() == RunState.RUNNING) {
                try {
                  live =
                      client
                          .newWorkflowStub(RunWorkflow.class, RunWorkflow.workflowId(run.runId()))
                          .progress();
                } catch (RuntimeException notStarted) {
                  live = run;
                }
              }
              out.println("  " + line(live));
            }
          }
          plan.reportKeys().forEach(key -> out.println("report: " + key));
        }
      } catch (WorkflowNotFoundException | WorkflowQueryException e) {
        throw UserError.input(
            "The Temporal service at "
                + services.temporalTarget()
                + " knows no workflow "
                + workflowId
                + (services.embedded().isPresent()
                    ? " (this command started a fresh embedded server, which remembers nothing:"
                        + " run `repro up` to keep one, or rerun the plan to resume it from its"
                        + " checkpoints)."
                    : ": check the id."));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  static String groupLine(GroupProgress group) {
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-8s %s (%d epochs planned)",
                group.state().name().toLowerCase(Locale.ROOT),
                group.name(),
                group.plannedEpochs()));
    if (group.chosenLearningRate() != null) {
      text.append(
          String.format(
              Locale.ROOT,
              ": lr %s, best %.2f%%, final %.2f%%",
              group.chosenLearningRate(),
              100 * group.bestAccuracy(),
              100 * group.finalAccuracy()));
    }
    if (!group.message().isEmpty()) {
      text.append("  ").append(group.message());
    }
    return text.toString();
  }

  static String line(RunProgress run) {
    int filled =
        run.totalEpochs() == 0
            ? 0
            : (int) Math.round(BAR * run.completedEpochs() / (double) run.totalEpochs());
    String bar = "#".repeat(filled) + ".".repeat(BAR - filled);
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "[%s] %4d/%-4d %-8s %s",
                bar,
                run.completedEpochs(),
                run.totalEpochs(),
                run.state().name().toLowerCase(Locale.ROOT),
                run.label()));
    if (run.lastTestAccuracy() != null) {
      text.append(String.format(Locale.ROOT, "  test %.2f%%", 100 * run.lastTestAccuracy()));
    }
    if (run.bestTestAccuracy() != null) {
      text.append(String.format(Locale.ROOT, " (best %.2f%%)", 100 * run.bestTestAccuracy()));
    }
    if (run.secondsPerEpoch() != null && !run.state().ended()) {
      double eta = run.secondsPerEpoch() * (run.totalEpochs() - run.completedEpochs());
      text.append(String.format(Locale.ROOT, "  ETA %s", duration(eta)));
    }
    if (!run.message().isEmpty()) {
      text.append("  ").append(run.message());
    }
    return text.toString();
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }
}
