package dev.cosinerepro.app;

import dev.cosinerepro.app.cli.ReproCommand;

/** The {@code repro} launcher's entry point. */
public final class Repro {
  private Repro() {}

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    Offline.enforce();
    System.exit(ReproCommand.commandLine().execute(args));
  }
}
