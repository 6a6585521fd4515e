package dev.cosinerepro.app.cli;

import java.util.Map;
import picocli.CommandLine;

/**
 * Creates commands that read their environment from a given map, so tests can hand in their own.
 */
final class EnvironmentFactory implements CommandLine.IFactory {
  private final Map<String, String> env;
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  EnvironmentFactory(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    K instance = fallback.create(type);
    if (instance instanceof NeedsEnvironment needs) {
      needs.environment(env);
    }
    return instance;
  }

  /** A command that reads the environment. */
  interface NeedsEnvironment {
    void environment(Map<String, String> env);
  }
}
