package dev.cosinerepro.app.runtime;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.cosinerepro.activities.recipe.RecipeResolver;
import dev.cosinerepro.activities.recipe.ResolvedRecipe;
import dev.cosinerepro.datasets.catalog.DatasetFacts;
import dev.cosinerepro.model.Architectures;
import dev.cosinerepro.model.nets.ParameterCounts;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunTemplate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a plan will cost: GPU-epochs, GPU-hours from an images-per-second figure per network, and
 * the object-store space its checkpoints need.
 *
 * <p>GPU-hours = Σ over runs of epochs × (training images per epoch / t + test images per
 * evaluation / (3 t) × evaluations per epoch), with t the training throughput of the run's network
 * (evaluation is forward-only, taken as three times as fast). Checkpoint space = Σ over runs of
 * (SGDR cycles + 1) kept checkpoints × 8 bytes per parameter (weights and momentum, float32), see
 * {@code RunRecord}.
 */
public final class PlanEstimate {
  /** Assumed training throughput on one GPU, images/s, when the user gives none. */
  public static final Map<String, Double> DEFAULT_THROUGHPUT =
      Map.of(
          "resnet50", 110.0,
          "resnet110-wide", 1800.0,
          "resnet110", 3500.0,
          "resnet56", 6000.0,
          "resnet20", 12000.0,
          "resnet8", 20000.0);

  private static final double FALLBACK_THROUGHPUT = 1000.0;

  private final Map<String, Double> throughput;
  private final Map<String, Long> parameters = new HashMap<>();

  /** Creates an estimator with throughputs that override the defaults per network. */
  public PlanEstimate(Map<String, Double> throughput) {
    Map<String, Double> merged = new LinkedHashMap<>(DEFAULT_THROUGHPUT);
    merged.putAll(throughput);
    this.throughput = merged;
  }

  /** The figures of one group. */
  public record Figures(long runs, long epochs, double gpuHours, long checkpointBytes) {
    Figures plus(Figures other) {
      return new Figures(
          runs + other.runs,
          epochs + other.epochs,
          gpuHours + other.gpuHours,
          checkpointBytes + other.checkpointBytes);
    }
  }

  /** The figures of a whole plan (a dependent group counted at one rate per seed). */
  public Figures of(PlanSpec plan) {
    Figures total = new Figures(0, 0, 0, 0);
    for (GroupSpec group : plan.groups()) {
      total = total.plus(of(group));
    }
    return total;
  }

  /** The figures of one group. */
  public Figures of(GroupSpec group) {
    long rates = group.dependent() ? 1 : group.learningRates().size();
    long runs = rates * group.seeds().size();
    RunTemplate run = group.template();
    ResolvedRecipe recipe = RecipeResolver.resolve(run);
    long epochs = runs * run.totalEpochs();
    DatasetFacts facts =
        recipe.facts().orElse(new DatasetFacts(run.dataset(), 100, 10000, 10000, 3, 224, true, 0));
    int side = recipe.inputSide() > 0 ? recipe.inputSide() : facts.side();
    double t = throughputOf(run.architecture());
    double trainSeconds = facts.imagesPerEpoch(run.samplesPerClass(), run.subsetRepeats()) / t;
    double evalSeconds = facts.testImages() / (3 * t) / run.evalEvery();
    double hours = epochs * (trainSeconds + evalSeconds) / 3600;
    long checkpoint = 8 * parameters(run.architecture(), facts.classes(), facts.channels(), side);
    long bytes = runs * (run.schedule().cycles() + 1L) * checkpoint;
    return new Figures(runs, epochs, hours, bytes);
  }

  /** The throughput used for a network. */
  public double throughputOf(String architecture) {
    return throughput.getOrDefault(architecture, FALLBACK_THROUGHPUT);
  }

  private long parameters(String architecture, int classes, int channels, int side) {
    String key = architecture + "/" + classes + "/" + channels;
    return parameters.computeIfAbsent(
        key,
        unused -> {
          try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Architectures.build(architecture, classes, channels);
            int input = Math.max(side, Architectures.minimumInputSide(architecture));
            block.initialize(manager, DataType.FLOAT32, new Shape(1, channels, input, input));
            return ParameterCounts.all(block);
          }
        });
  }
}
