package dev.cosinerepro.app.clients;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real client program (awscli, curl, prometheus) as its own process. A test that needs one
 * calls {@link #require} first, which skips the test when the program is not installed.
 */
public final class ExternalTool {
  private ExternalTool() {}

  /** What a finished process printed and returned. */
  public record Outcome(int exitCode, String output) {}

  /**
   * Skips the calling test unless every program is on the PATH.
   *
   * @param debianPackage the Debian package that installs them (named in the skip message)
   * @param programs the program names
   */
  public static void require(String debianPackage, String... programs) {
    for (String program : programs) {
      assumeTrue(onPath(program), program + " is not installed: apt-get install " + debianPackage);
    }
  }

  public static boolean onPath(String program) {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(folder, program))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs a command to its end (output and errors together) within {@code timeoutSeconds}.
   *
   * @param env variables added to this process's environment
   * @param command the program and its arguments
   */
  public static Outcome run(Map<String, String> env, long timeoutSeconds, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " ran over " + timeoutSeconds + " s");
    }
    return new Outcome(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
