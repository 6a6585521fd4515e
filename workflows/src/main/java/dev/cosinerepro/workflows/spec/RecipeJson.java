package dev.cosinerepro.workflows.spec;

import static dev.cosinerepro.workflows.spec.RecipeFields.number;
import static dev.cosinerepro.workflows.spec.RecipeFields.quote;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * The JSON forms of templates and runs: the canonical form their ids hash, and reading both the
 * sectioned form and the flat form of recipe version 1 (earlier releases stored and recorded that
 * one in workflow histories, so it must keep reading, with the same ids).
 */
final class RecipeJson {
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private RecipeJson() {}

  /** Sorted keys, no whitespace, numbers as Java prints them. */
  static String canonical(Object value) {
    try {
      return CANONICAL.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A recipe could not be written as JSON", e);
    }
  }

  /** The canonical form of recipe version 1: the flat fields, as earlier releases hashed them. */
  static String legacyCanonical(RunSpec spec) {
    RunTemplate t = spec.template();
    return "{"
        + String.join(
            ",",
            field("architecture", quote(spec.architecture())),
            field("augmentation", quote(spec.augmentation())),
            field("batchSize", spec.batchSize()),
            field("dataset", quote(spec.dataset())),
            field("embedding", quote(spec.embedding())),
            field("evalEvery", spec.evalEvery()),
            field("maxLearningRate", number(spec.maxLearningRate())),
            field("minLearningRate", number(t.optimizer().minLearningRate())),
            field("objective", quote(spec.loss())),
            field("samplesPerClass", spec.samplesPerClass()),
            field("seed", spec.seed()),
            field("sgdrBaseEpochs", t.schedule().baseEpochs()),
            field("sgdrCycles", t.schedule().cycles()),
            field("subsetRepeats", spec.subsetRepeats()),
            field("subsetSeed", spec.subsetSeed()),
            field("weightDecay", number(t.optimizer().weightDecay())))
        + "}";
  }

  private static String field(String name, Object value) {
    return quote(name) + ":" + value;
  }

  /** The flat run spec of recipe version 1, field by field. */
  record Flat(
      String dataset,
      int samplesPerClass,
      long subsetSeed,
      int subsetRepeats,
      String architecture,
      String objective,
      String embedding,
      double maxLearningRate,
      double minLearningRate,
      int sgdrCycles,
      int sgdrBaseEpochs,
      double weightDecay,
      int batchSize,
      String augmentation,
      int evalEvery,
      long seed) {

    /** As a template: the rate and seed are dropped, the subset follows each run's seed. */
    RunTemplate template() {
      return RunTemplate.builder()
          .optRecipeVersion(RunTemplate.LEGACY_RECIPE)
          .setDataset(dataset)
          .optSamplesPerClass(samplesPerClass)
          .optSubsetRepeats(subsetRepeats)
          .optAugmentation(augmentation)
          .setArchitecture(architecture)
          .setLoss(objective)
          .optEmbedding(embedding)
          .setBatchSize(batchSize)
          .optMinLearningRate(minLearningRate)
          .optWeightDecay(weightDecay)
          .optSchedule(ScheduleRecipe.sgdr(sgdrCycles, sgdrBaseEpochs))
          .optEvalEvery(evalEvery)
          .build();
    }

    RunSpec spec() {
      RunTemplate template = template();
      return new RunSpec(
          template.withData(template.data().forSeed(subsetSeed)), maxLearningRate, seed);
    }
  }

  /** The sectioned template, read field by field (the record itself has a custom reader). */
  record Sectioned(
      Integer recipeVersion,
      DataRecipe data,
      NetworkRecipe network,
      ObjectiveRecipe objective,
      OptimizerRecipe optimizer,
      ScheduleRecipe schedule,
      EvaluationRecipe evaluation) {
    RunTemplate template() {
      return new RunTemplate(
          recipeVersion, data, network, objective, optimizer, schedule, evaluation);
    }
  }

  /** A stored run: its template, rate and seed. */
  record Stored(RunTemplate template, Double maxLearningRate, Long seed) {}

  /** Whether a JSON object is the flat form of recipe version 1. */
  private static boolean flat(JsonNode tree) {
    return tree.has("dataset");
  }

  /** Reads a template in either form. */
  static final class TemplateReader extends JsonDeserializer<RunTemplate> {
    @Override
    public RunTemplate deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      JsonNode tree = context.readTree(parser);
      try {
        return flat(tree)
            ? context.readTreeAsValue(tree, Flat.class).template()
            : context.readTreeAsValue(tree, Sectioned.class).template();
      } catch (IllegalArgumentException e) {
        throw JsonMappingException.from(parser, e.getMessage(), e);
      }
    }
  }

  /** Reads a run spec in either form. */
  static final class SpecReader extends JsonDeserializer<RunSpec> {
    @Override
    public RunSpec deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      JsonNode tree = context.readTree(parser);
      try {
        if (flat(tree)) {
          return context.readTreeAsValue(tree, Flat.class).spec();
        }
        Stored stored = context.readTreeAsValue(tree, Stored.class);
        if (stored.template() == null
            || stored.maxLearningRate() == null
            || stored.seed() == null) {
          throw new IllegalArgumentException(
              "A run spec needs its template, maxLearningRate and seed.");
        }
        return new RunSpec(stored.template(), stored.maxLearningRate(), stored.seed());
      } catch (IllegalArgumentException e) {
        throw JsonMappingException.from(parser, e.getMessage(), e);
      }
    }
  }
}
