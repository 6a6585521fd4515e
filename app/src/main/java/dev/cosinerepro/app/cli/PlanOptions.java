package dev.cosinerepro.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cosinerepro.app.exit.UserError;
import dev.cosinerepro.storage.Json;
import dev.cosinerepro.workflows.plan.Plans;
import dev.cosinerepro.workflows.plan.Rehearsal;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.Shrinkage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Which plan to run: a built-in one by name, or one from a YAML or JSON file. */
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
          "A plan as YAML (.yaml, .yml) or JSON: name, description, epochsPerChunk, search and"
              + " groups, each with a sectioned template (see the README's Plans section).")
  Path file;

  @Option(
      names = "--rehearse",
      description =
          "Rehearse the plan: every group, dataset, class embedding, objective and dependency of it,"
              + " each run shrunk (few images per class, small inputs through the same augmentation,"
              + " resnet8, 2 epochs, 2 rates of each grid, 1 seed), through the real code; minutes"
              + " instead of GPU-days, and the report is marked as a rehearsal.")
  boolean rehearse;

  /** The chosen plan, shrunk to its rehearsal when {@code --rehearse} is given. */
  public PlanSpec resolve() {
    PlanSpec chosen = chosen();
    return rehearse ? Rehearsal.of(chosen, Shrinkage.DEFAULT) : chosen;
  }

  /**
   * What {@code --rehearse} shrank, one line per setting, or nothing without it.
   *
   * @param resolved the plan {@link #resolve()} returned
   */
  public List<String> rehearsalChanges(PlanSpec resolved) {
    return rehearse ? Rehearsal.changes(chosen(), resolved) : List.of();
  }

  private PlanSpec chosen() {
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
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    try {
      boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
      JsonNode tree = yaml ? new YAMLMapper().readTree(json) : Json.mapper().readTree(json);
      return Json.mapper().treeToValue(tree, PlanSpec.class);
    } catch (JsonMappingException e) {
      throw UserError.input(
          "The plan file "
              + file
              + " is not a valid plan"
              + (e.getPath().isEmpty() ? "" : " at " + path(e))
              + ": "
              + innermost(e)
              + ".");
    } catch (IOException | RuntimeException e) {
      throw UserError.input(
          "The plan file " + file + " is not valid YAML or JSON: " + innermost(e) + ".");
    }
  }

  /** The JSON path of a mapping error, e.g. {@code groups[0].template.maxLearningRate}. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String innermost(Throwable e) {
    Throwable current = e;
    while (current.getCause() != null) {
      current = current.getCause();
    }
    String message =
        current instanceof JsonProcessingException processing
            ? processing.getOriginalMessage()
            : current.getMessage() == null ? current.toString() : current.getMessage();
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
  }

  /** The built-in plan names, for help and completion. */
  static final class PlanNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Plans.names().iterator();
    }
  }
}
