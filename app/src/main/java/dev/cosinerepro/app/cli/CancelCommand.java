package dev.cosinerepro.app.cli;

import dev.cosinerepro.app.exit.ExitCodes;
import dev.cosinerepro.app.exit.UserError;
import dev.cosinerepro.app.runtime.Services;
import dev.cosinerepro.app.stack.StackPorts;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowNotFoundException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code repro cancel ID}: stop a reproduction cleanly. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description =
        "Asks a reproduction (plan-...) or run (run-...) to stop. Training stops at its next step;"
            + " every complete checkpoint stays in the store, so starting the same plan again resumes it.")
final class CancelCommand extends EnvironmentCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "Workflow id.")
  String id;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Services services =
        Services.open(connection.settings(env()), registry, StackPorts.ephemeral(), true)) {
      try {
        services.client().newUntypedWorkflowStub(id).cancel();
      } catch (WorkflowNotFoundException e) {
        throw UserError.input(
            "The Temporal service at "
                + services.temporalTarget()
                + " knows no running workflow "
                + id
                + ": check the id with `repro status`.");
      }
      spec.commandLine().getOut().println("Cancellation requested for " + id + ".");
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }
}
