package dev.cosinerepro.app.cli;

import dev.cosinerepro.app.runtime.PlanRunner;
import dev.cosinerepro.workflows.spec.PlanSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code repro reproduce}: start a plan and follow it to its report. */
@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a plan as one workflow and follows it to its report. Runs already finished (their"
          + " result is in the store) are skipped; unfinished ones resume from their latest checkpoint.",
      "Without --temporal/--s3 it uses a running `repro up`, or starts the embedded stack and a worker"
          + " for the length of the command."
    })
final class ReproduceCommand extends EnvironmentCommand implements Callable<Integer> {
  @ArgGroup(exclusive = false, multiplicity = "0..1")
  PlanOptions plan;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PLAN",
      description = "The plan as a word instead of --plan/--plan-file: a built-in name or a file.")
  String word;

  @Option(names = "--detach", description = "Start the plan, print its workflow id and return.")
  boolean detach;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() throws InterruptedException {
    PlanOptions named = PlanOptions.named(plan, word);
    PlanSpec resolved = named.resolve();
    List<String> shrunk = named.rehearsalChanges(resolved);
    if (!shrunk.isEmpty()) {
      PrintWriter out = spec.commandLine().getOut();
      out.println("Rehearsal of plan '" + resolved.name() + "', each run shrunk:");
      shrunk.forEach(line -> out.println("  " + line));
      out.flush();
    }
    return new PlanRunner(spec.commandLine().getOut(), spec.commandLine().getErr(), interactive())
        .run(resolved, connection.settings(env()), detach);
  }
}
