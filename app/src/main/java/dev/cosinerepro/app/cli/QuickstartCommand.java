package dev.cosinerepro.app.cli;

import dev.cosinerepro.app.runtime.PlanRunner;
import dev.cosinerepro.workflows.plan.Plans;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code repro quickstart}: the {@code quick} plan on the embedded stack, from nothing to a results
 * table.
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the `quick` plan: Fashion-MNIST with 10 and 50 images per class, cross-entropy vs cosine"
          + " loss, on the embedded stack (unless --temporal and --s3 are given).",
      "Prints the results table and leaves every artifact in the object store."
    })
final class QuickstartCommand extends EnvironmentCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() throws InterruptedException {
    return new PlanRunner(spec.commandLine().getOut(), spec.commandLine().getErr(), interactive())
        .run(Plans.quick(), connection.settings(env()), false);
  }
}
