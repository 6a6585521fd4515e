package dev.cosinerepro.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The data folder option every command that reads or writes local data shares. */
final class DataHomeOption {
  @Option(
      names = "--data-home",
      paramLabel = "DIR",
      defaultValue = "${env:REPRO_HOME}",
      description =
          "Data folder: datasets, image caches, the embedded store, credentials (env REPRO_HOME)."
              + " Default: ~/.repro.")
  Path dataHome;

  /** The data folder, absolute: the option, else {@code ~/.repro}. */
  Path dataHome() {
    return dataHome != null
        ? dataHome.toAbsolutePath()
        : Path.of(System.getProperty("user.home"), ".repro");
  }
}
