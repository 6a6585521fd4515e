package dev.cosinerepro.app.cli;

import dev.cosinerepro.app.exit.ExitCodes;
import dev.cosinerepro.app.exit.UserError;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code repro} command. */
@Command(
    name = "repro",
    mixinStandardHelpOptions = true,
    version = "cosine-repro 0.1.0",
    description =
        "Reproduces \"Deep Learning on Small Datasets without Pre-Training using Cosine Loss\""
            + " as resumable Temporal workflows.",
    subcommands = {
      QuickstartCommand.class,
      ReproduceCommand.class,
      UpCommand.class,
      WorkerCommand.class,
      StatusCommand.class,
      FetchCommand.class,
      EmbeddingsCommand.class,
      PlanCommand.class,
      ModelCommand.class,
      BenchCommand.class,
      DoctorCommand.class,
      DataCommand.class,
      ReportCommand.class,
      CancelCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the plan ran, but at least one run failed",
      "2:a usage or input error (command, option, plan, key, plan file, dataset)",
      "3:a service is unreachable or refused the credentials (Temporal, S3)",
      "4:an internal error (a bug)",
      "130:interrupted"
    })
public final class ReproCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The command line with the project's error handling, for the real environment. */
  public static CommandLine commandLine() {
    return commandLine(System.getenv());
  }

  /**
   * The command line with the project's error handling.
   *
   * @param env the environment commands read credentials and defaults from
   */
  public static CommandLine commandLine(Map<String, String> env) {
    CommandLine line = new CommandLine(new ReproCommand(), new EnvironmentFactory(env));
    line.setParameterExceptionHandler(
        (exception, args) -> {
          PrintWriter err = exception.getCommandLine().getErr();
          err.println("repro: " + exception.getMessage());
          err.println(
              "Try 'repro "
                  + qualifiedName(exception.getCommandLine())
                  + "--help' for the options.");
          return ExitCodes.USAGE;
        });
    line.setExecutionExceptionHandler(
        (exception, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (exception instanceof UserError user) {
            err.println("repro: " + user.getMessage());
            return user.exitCode();
          }
          if (exception instanceof InterruptedException) {
            err.println("repro: interrupted.");
            return ExitCodes.INTERRUPTED;
          }
          err.println("repro: internal error: " + exception);
          exception.printStackTrace(err);
          return ExitCodes.INTERNAL;
        });
    return line;
  }

  private static String qualifiedName(CommandLine commandLine) {
    String name = commandLine.getCommandSpec().qualifiedName(" ");
    String sub = name.startsWith("repro") ? name.substring("repro".length()).trim() : name;
    return sub.isEmpty() ? "" : sub + " ";
  }
}
