package dev.cosinerepro.app.cli;

import dev.cosinerepro.app.exit.ExitCodes;
import dev.cosinerepro.app.exit.UserError;
import dev.cosinerepro.app.runtime.PlanRunner;
import dev.cosinerepro.app.runtime.PlanView;
import dev.cosinerepro.app.runtime.ProgressReader;
import dev.cosinerepro.app.runtime.ProgressText;
import dev.cosinerepro.app.runtime.Services;
import dev.cosinerepro.app.stack.StackPorts;
import dev.cosinerepro.workflows.spec.GroupProgress;
import dev.cosinerepro.workflows.spec.GroupSummary;
import dev.cosinerepro.workflows.spec.PlanProgress;
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
      ProgressReader reader = new ProgressReader(client);
      try {
        if (workflowId.startsWith("run-")) {
          out.println(ProgressText.runLine(reader.run(workflowId)));
        } else {
          PlanView view = reader.plan(workflowId);
          PlanProgress plan = view.progress();
          out.println(
              String.format(
                  Locale.ROOT,
                  "Plan '%s' (%s): %s, %d/%d groups ended, %.1f/%d epochs%s",
                  plan.planName(),
                  plan.planWorkflowId(),
                  plan.phase(),
                  plan.endedGroups(),
                  plan.groups().size(),
                  view.doneEpochs(),
                  view.totalEpochs(),
                  view.secondsLeft() == null
                      ? ""
                      : ", ETA " + ProgressText.duration(view.secondsLeft())));
          for (PlanView.GroupView group : view.groups()) {
            out.println(groupLine(group.group()));
            if (group.summary() != null) {
              out.println("  " + summaryLine(group.summary(), group.runs().size()));
            }
            group.runs().forEach(run -> out.println("  " + ProgressText.runLine(run)));
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

  /** A running group's runs by state, and how many of its running runs are shown below. */
  static String summaryLine(GroupSummary summary, int shown) {
    return String.format(
        Locale.ROOT,
        "runs: %d done, %d skipped, %d stopped, %d failed, %d running (%d shown), %d pending"
            + " of %d",
        summary.done(),
        summary.skipped(),
        summary.stopped(),
        summary.failed(),
        summary.running(),
        shown,
        summary.pending(),
        summary.runs());
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
}
