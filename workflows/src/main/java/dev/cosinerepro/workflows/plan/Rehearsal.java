package dev.cosinerepro.workflows.plan;

import dev.cosinerepro.workflows.spec.DataRecipe;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.NetworkRecipe;
import dev.cosinerepro.workflows.spec.OptimizerRecipe;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunTemplate;
import dev.cosinerepro.workflows.spec.Shrinkage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A plan's rehearsal: the same plan graph — every group, name, table, dataset, class embedding,
 * objective, rate-selection rule and dependency — with each run shrunk as a {@link Shrinkage} says,
 * so that the whole plan runs through the real code (download, verification, extraction, image
 * cache, embeddings, training chunks, checkpoints, resume, report) in minutes and finds the faults
 * that would otherwise surface after GPU-days. Pure code: the same plan gives the same rehearsal.
 */
public final class Rehearsal {
  private Rehearsal() {}

  /**
   * The rehearsal of a plan.
   *
   * @param plan the plan to rehearse; a rehearsal is rehearsed again from its own shape
   * @param shrinkage how far each run shrinks
   * @return a plan of the same name and groups, marked as a rehearsal
   */
  public static PlanSpec of(PlanSpec plan, Shrinkage shrinkage) {
    Map<String, Map<Integer, Integer>> sizes = subsetSizesByRank(plan);
    List<GroupSpec> groups = new ArrayList<>();
    for (GroupSpec group : plan.groups()) {
      RunTemplate template = shrink(group.template(), shrinkage, sizes);
      List<Long> seeds =
          group.seeds().subList(0, Math.min(shrinkage.seedsPerGroup(), group.seeds().size()));
      groups.add(
          group.dependent()
              ? GroupSpec.atRateOf(
                  group.name(), group.table(), template, group.learningRateFrom(), seeds)
              : GroupSpec.grid(
                  group.name(),
                  group.table(),
                  template,
                  rates(group.learningRates(), shrinkage.ratesPerGroup()),
                  seeds));
    }
    return new PlanSpec(
        plan.name(),
        "Rehearsal of: " + plan.description(),
        groups,
        shrinkage.epochsPerChunk(),
        plan.search(),
        shrinkage);
  }

  /**
   * What a rehearsal shrank, one line per setting: {@code setting: before -> after}, the values
   * listed once each.
   */
  public static List<String> changes(PlanSpec plan, PlanSpec rehearsal) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "runs: "
            + runCount(plan)
            + " -> "
            + runCount(rehearsal)
            + ", epochs of a full grid: "
            + plan.totalEpochs()
            + " -> "
            + rehearsal.totalEpochs());
    lines.add(change("network", plan, rehearsal, t -> t.network().architecture()));
    lines.add(
        change(
            "image and crop sides",
            plan,
            rehearsal,
            t -> t.data().imageSide() + "/" + t.data().inputSide()));
    lines.add(change("images per class", plan, rehearsal, t -> t.data().samplesPerClass()));
    lines.add(change("subset repeats", plan, rehearsal, t -> t.data().subsetRepeats()));
    lines.add(change("batch size", plan, rehearsal, t -> t.optimizer().batchSize()));
    lines.add(change("epochs per run", plan, rehearsal, RunTemplate::totalEpochs));
    lines.add(
        "rates per grid group: "
            + values(plan, g -> g.learningRates().size(), true)
            + " -> "
            + values(rehearsal, g -> g.learningRates().size(), true)
            + ", seeds per group: "
            + values(plan, g -> g.seeds().size(), false)
            + " -> "
            + values(rehearsal, g -> g.seeds().size(), false)
            + ", epochs per chunk: "
            + plan.epochsPerChunk()
            + " -> "
            + rehearsal.epochsPerChunk());
    return lines;
  }

  private static RunTemplate shrink(
      RunTemplate template, Shrinkage shrinkage, Map<String, Map<Integer, Integer>> sizes) {
    DataRecipe data = template.data();
    boolean cropped = data.imageSide() > 0 || "crop-flip-erase".equals(data.augmentation());
    DataRecipe shrunkData =
        new DataRecipe(
            data.dataset(),
            sizes.get(data.dataset()).get(data.samplesPerClass()),
            data.subsetSeed(),
            Math.min(data.subsetRepeats(), shrinkage.maxSubsetRepeats()),
            data.augmentation(),
            cropped ? shrinkage.imageSide() : data.imageSide(),
            cropped ? shrinkage.inputSide() : data.inputSide(),
            data.shiftFraction(),
            data.shiftFill(),
            data.effectiveRepeatShuffle());
    NetworkRecipe network = template.network();
    OptimizerRecipe optimizer = template.optimizer();
    return new RunTemplate(
        RunTemplate.CURRENT_RECIPE,
        shrunkData,
        network.withArchitecture(shrinkage.architecture()),
        template.objective(),
        optimizer.with(
            Math.min(optimizer.batchSize(), shrinkage.maxBatchSize()), optimizer.minLearningRate()),
        shrinkage.schedule(),
        template.evaluation());
  }

  /**
   * Per dataset, each images-per-class value of the plan mapped to its rank (1, 2, ...), the whole
   * split (0) after every other value.
   */
  private static Map<String, Map<Integer, Integer>> subsetSizesByRank(PlanSpec plan) {
    Map<String, TreeSet<Integer>> byDataset = new TreeMap<>();
    for (GroupSpec group : plan.groups()) {
      int k = group.template().data().samplesPerClass();
      byDataset
          .computeIfAbsent(group.template().data().dataset(), d -> new TreeSet<>())
          .add(k == 0 ? Integer.MAX_VALUE : k);
    }
    Map<String, Map<Integer, Integer>> ranks = new TreeMap<>();
    byDataset.forEach(
        (dataset, values) -> {
          Map<Integer, Integer> rank = new TreeMap<>();
          for (int k : values) {
            rank.put(k == Integer.MAX_VALUE ? 0 : k, rank.size() + 1);
          }
          ranks.put(dataset, rank);
        });
    return ranks;
  }

  /** The largest rate, then evenly spaced ones down the grid. */
  private static List<Double> rates(List<Double> grid, int count) {
    List<Double> sorted = new ArrayList<>(grid);
    sorted.sort((a, b) -> Double.compare(b, a));
    if (sorted.size() <= count) {
      return sorted;
    }
    List<Double> kept = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      kept.add(sorted.get(i * sorted.size() / count));
    }
    return kept;
  }

  private static int runCount(PlanSpec plan) {
    int runs = 0;
    for (GroupSpec group : plan.groups()) {
      runs += (group.dependent() ? 1 : group.learningRates().size()) * group.seeds().size();
    }
    return runs;
  }

  private static String change(
      String setting, PlanSpec plan, PlanSpec rehearsal, Function<RunTemplate, Object> field) {
    return setting
        + ": "
        + values(plan, g -> field.apply(g.template()), false)
        + " -> "
        + values(rehearsal, g -> field.apply(g.template()), false);
  }

  private static String values(PlanSpec plan, Function<GroupSpec, Object> field, boolean gridOnly) {
    List<String> seen = new ArrayList<>();
    for (GroupSpec group : plan.groups()) {
      if (gridOnly && group.dependent()) {
        continue;
      }
      String value = String.valueOf(field.apply(group));
      if (!seen.contains(value)) {
        seen.add(value);
      }
    }
    return String.join(", ", seen);
  }
}
