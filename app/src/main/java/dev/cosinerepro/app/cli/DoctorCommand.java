package dev.cosinerepro.app.cli;

import ai.djl.engine.EngineException;
import dev.cosinerepro.app.exit.ExitCodes;
import dev.cosinerepro.app.runtime.MallocTunables;
import dev.cosinerepro.model.EngineFacts;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code repro doctor}: what this machine trains with, so a GPU worker can be checked before it
 * takes work.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description =
        "Loads the training engine and prints its libtorch version and flavour (cpu or a CUDA"
            + " build), the devices it sees, its threads, whether its natives came inside the"
            + " application, and whether freed memory is kept for reuse (the launcher's malloc"
            + " settings). Exit 2 when the natives are missing.")
final class DoctorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    String bundled = EngineFacts.bundledNativesDescription();
    EngineFacts facts;
    try {
      facts = EngineFacts.probe();
    } catch (EngineException e) {
      spec.commandLine()
          .getErr()
          .println(
              "libtorch did not load"
                  + (bundled.isEmpty()
                      ? ""
                      : " from the natives inside the application (" + bundled + ")")
                  + ": "
                  + e.getMessage()
                  + ". A CUDA build needs an NVIDIA driver and a GPU (docker run --gpus all);"
                  + " on a machine without one, run the default CPU build.");
      return ExitCodes.USAGE;
    }
    out.printf("engine:      %s %s%n", facts.engine(), facts.libtorchVersion());
    out.printf(
        "natives:     %s%n",
        facts.nativesBundled()
            ? "inside the application (" + facts.flavor() + ", " + facts.bundledVersion() + ")"
            : "not inside the application");
    out.printf("flavour:     %s%n", facts.nativesBundled() ? facts.flavor() : "unknown");
    out.printf("devices:     %s (%d GPU)%n", String.join(", ", facts.devices()), facts.gpus());
    out.printf(
        "threads:     %d intra-op, %d inter-op, %d processors%n",
        facts.intraOpThreads(), facts.interOpThreads(), Runtime.getRuntime().availableProcessors());
    out.printf("cache:       %s%n", facts.nativeCache());
    out.printf("offline:     %s%n", facts.offline() ? "yes (never downloads)" : "no");
    out.printf("memory:      %s%n", MallocTunables.describe(System.getenv()));
    out.flush();
    if (!facts.nativesBundled()) {
      spec.commandLine()
          .getErr()
          .println(
              "No libtorch natives inside the application: rebuild it with the cpu default or"
                  + " `mvn -P cuda package`.");
      return ExitCodes.USAGE;
    }
    return ExitCodes.OK;
  }
}
