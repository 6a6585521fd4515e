package dev.cosinerepro.app.cli;

import com.fasterxml.jackson.core.JsonLocation;
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
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Which plan to run: a built-in one by name, or one from a YAML or JSON file of at most {@link
 * #MAX_FILE_BYTES} bytes. The plan may also be given as a positional word ({@code repro plan show
 * paper}), which is a built-in name or a file.
 */
public final class PlanOptions {
  /** The largest plan file read: the paper's plan as YAML is about 20 KB. */
  public static final int MAX_FILE_BYTES = 1 << 20;

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

  /**
   * The options that name the plan: these, or a positional word (a built-in plan's name or a plan
   * file) with these options' {@code --rehearse}.
   *
   * @param options the options, or {@code null} when none was given
   * @param word a positional word, or {@code null}
   * @throws UserError unless exactly one plan is named, naming what to do
   */
  public static PlanOptions named(PlanOptions options, String word) {
    boolean optionGiven = options != null && (options.name != null || options.file != null);
    if (word != null && optionGiven) {
      throw UserError.input("Name one plan: '" + word + "' or --plan/--plan-file, not both.");
    }
    if (word == null) {
      if (!optionGiven) {
        throw UserError.input("Name one plan: --plan NAME or --plan-file FILE.");
      }
      return options;
    }
    PlanOptions fromWord = new PlanOptions();
    fromWord.rehearse = options != null && options.rehearse;
    if (Plans.names().contains(word) || !Files.exists(Path.of(word))) {
      fromWord.name = word;
    } else {
      fromWord.file = Path.of(word);
    }
    return fromWord;
  }

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
    byte[] json = read(file);
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    try {
      boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
      JsonNode tree = yaml ? new YAMLMapper().readTree(json) : Json.mapper().readTree(json);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        throw UserError.input(
            "The plan file "
                + file
                + " holds no plan: write one with name, epochsPerChunk and groups (see the"
                + " README's Plans section).");
      }
      if (!tree.isObject()) {
        throw UserError.input(
            "The plan file "
                + file
                + " holds a "
                + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + ", not a plan: write an object with name, epochsPerChunk and groups (see the"
                + " README's Plans section).");
      }
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
    } catch (JsonProcessingException e) {
      throw UserError.input(
          "The plan file "
              + file
              + " is not valid YAML or JSON"
              + where(e)
              + ": "
              + innermost(e)
              + ".");
    } catch (UserError e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw UserError.input(
          "The plan file " + file + " is not valid YAML or JSON: " + innermost(e) + ".");
    }
  }

  /** Reads at most {@link #MAX_FILE_BYTES} bytes; a longer file (or a device) is refused. */
  private static byte[] read(Path file) {
    if (Files.isDirectory(file)) {
      throw UserError.input("The plan file " + file + " is a folder: name a YAML or JSON file.");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        throw UserError.input(
            "The plan file "
                + file
                + " is larger than "
                + MAX_FILE_BYTES / 1024
                + " KiB: a plan is a short YAML or JSON file; check the path.");
      }
      return bytes;
    } catch (IOException e) {
      throw UserError.input("Cannot read the plan file " + file + ": " + e.getMessage() + ".");
    }
  }

  /** {@code " at line L, column C"} of a parse error, or nothing when unknown. */
  private static String where(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    if (location == null || location.getLineNr() <= 0) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
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
