package dev.cosinerepro.app.cli;

import java.util.Map;
import picocli.CommandLine;

/** A command that reads the environment (credentials) and prints through picocli's writers. */
abstract class EnvironmentCommand implements EnvironmentFactory.NeedsEnvironment {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private Map<String, String> env = System.getenv();

  @Override
  public void environment(Map<String, String> environment) {
    this.env = environment;
  }

  /** The environment. */
  Map<String, String> env() {
    return env;
  }

  /**
   * Whether progress should be drawn as a bar (an interactive terminal) rather than printed as
   * lines.
   */
  static boolean interactive() {
    return System.console() != null && !"true".equalsIgnoreCase(System.getenv("CI"));
  }
}
