package dev.cosinerepro.app.cli;

import dev.cosinerepro.storage.Json;
import dev.cosinerepro.workflows.plan.Plans;
import dev.cosinerepro.workflows.spec.PlanSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which plan to run: a built-in one by name, or one from a JSON file. */
public final class PlanOptions {
  @Option(
      names = "--plan",
      paramLabel = "NAME",
      description = "A built-in plan: ${COMPLETION-CANDIDATES}.",
      completionCandidates = PlanNames.class)
  String name;

  @Option(
      names = "--plan-file",
      paramLabel = "FILE",
      description =
          "A plan as JSON (the PlanSpec record: name, description, runs, epochsPerChunk).")
  Path file;

  /** The chosen plan. */
  public PlanSpec resolve() {
    if ((name == null) == (file == null)) {
      throw UserError.input("Name one plan: --plan NAME or --plan-file FILE.");
    }
    if (name != null) {
      try {
        return Plans.byName(name);
      } catch (IllegalArgumentException e) {
        throw UserError.input(e.getMessage());
      }
    }
    byte[] json;
    try {
      json = Files.readAllBytes(file);
    } catch (IOException e) {
      throw UserError.input("Cannot read the plan file " + file + ": " + e.getMessage() + ".");
    }
    try {
      return Json.read(json, PlanSpec.class);
    } catch (RuntimeException e) {
      throw UserError.input(
          "The plan file " + file + " is not a valid plan: " + innermost(e) + ".");
    }
  }

  private static String innermost(Throwable e) {
    Throwable current = e;
    while (current.getCause() != null) {
      current = current.getCause();
    }
    String message = current.getMessage() == null ? current.toString() : current.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** The built-in plan names, for help and completion. */
  static final class PlanNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Plans.names().iterator();
    }
  }
}
