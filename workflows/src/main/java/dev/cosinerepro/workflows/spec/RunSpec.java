package dev.cosinerepro.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * One experiment run: a {@link RunTemplate} at a maximum learning rate and seed. Immutable; its
 * canonical form is its identity, so every number that changes a result changes the run id.
 *
 * @param template every setting but the rate and seed; its subset seed is always set
 * @param maxLearningRate the SGDR maximum learning rate
 * @param seed seed of initialisation, data order and augmentation
 */
@JsonDeserialize(using = RecipeJson.SpecReader.class)
public record RunSpec(RunTemplate template, double maxLearningRate, long seed) implements Recipe {

  /** Validates the run's own fields against its template. */
  public RunSpec {
    if (template == null) {
      throw new IllegalArgumentException(
          "The run spec has no template: give its data, network, objective and optimizer.");
    }
    if (template.data().subsetSeed() == null) {
      throw new IllegalArgumentException(
          "The run spec field 'data.subsetSeed' is missing: build runs with RunTemplate.run.");
    }
    if (!(maxLearningRate > 0) || Double.isInfinite(maxLearningRate)) {
      throw RecipeFields.invalid(
          "maxLearningRate", maxLearningRate, "a positive number such as 0.1");
    }
    if (template.optimizer().minLearningRate() > maxLearningRate) {
      throw RecipeFields.invalid(
          "optimizer.minLearningRate",
          template.optimizer().minLearningRate(),
          "at most the maximum learning rate " + RecipeFields.number(maxLearningRate));
    }
  }

  /** The seed of the per-class subset draw. */
  @JsonIgnore
  public long subsetSeed() {
    return template.data().subsetSeed();
  }

  /** The recipe version the spec is read by. */
  @JsonIgnore
  public int recipeVersion() {
    return template.recipeVersion();
  }

  /** The run's identity: a hash of {@link #canonical()}. */
  @JsonIgnore
  public String id() {
    return CanonicalHash.of(canonical());
  }

  /**
   * The canonical JSON form: keys in alphabetical order, no whitespace. Two specs are the same
   * experiment exactly when their canonical forms are equal. Recipe version 1 keeps the flat form
   * of earlier releases, so their runs keep their ids.
   */
  @JsonIgnore
  public String canonical() {
    return template.recipeVersion() == RunTemplate.LEGACY_RECIPE
        ? RecipeJson.legacyCanonical(this)
        : RecipeJson.canonical(this);
  }

  /** A short human label, e.g. {@code fashion-mnist k=10 cosine lr=0.05}. */
  @JsonIgnore
  public String label() {
    String k = samplesPerClass() == 0 ? "all" : Integer.toString(samplesPerClass());
    String emb = template.objective().oneHot() ? "" : " [" + embedding() + "]";
    return dataset()
        + " k="
        + k
        + " "
        + loss()
        + emb
        + " lr="
        + RecipeFields.number(maxLearningRate);
  }

  /** The data this run trains and evaluates on. */
  @JsonIgnore
  public DataRequest dataRequest() {
    return new DataRequest(dataset(), samplesPerClass(), subsetSeed());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RunSpec spec && canonical().equals(spec.canonical());
  }

  @Override
  public int hashCode() {
    return canonical().hashCode();
  }
}
