package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.DataRecipe;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.NetworkRecipe;
import dev.cosinerepro.workflows.spec.ObjectiveRecipe;
import dev.cosinerepro.workflows.spec.OptimizerRecipe;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunTemplate;
import dev.cosinerepro.workflows.spec.ScheduleRecipe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every departure from the paper's protocol (PROTOCOL.md) in a group the report sets beside a paper
 * number (Table 2, Table 3, Fig. 3 on the paper's datasets): network, input size, augmentation,
 * batch, weight decay, epochs and schedule, learning-rate grid, search, subset and seeds. Each
 * departure is listed once with the groups it applies to, so a reader sees at a glance which
 * numbers are not the paper's experiment.
 */
final class ProtocolDepartures {
  /** The paper's maximum learning-rate grid. */
  static final Set<Double> PAPER_GRID = Set.of(2.5, 1.0, 0.5, 0.1, 0.05, 0.01, 0.005, 0.001);

  private static final Set<String> TABLES =
      Set.of(Table2Section.TABLE, Table3Section.TABLE, Fig3Section.TABLE);

  private static final int FIG3_SEEDS = 3;

  private ProtocolDepartures() {}

  /**
   * The departures of a plan, each with the groups it applies to.
   *
   * @return one line per departure, e.g. {@code network resnet8 instead of resnet50: 12 groups
   *     (table2/cub200/xent, ...)}; empty when every compared group follows the paper
   */
  static List<String> of(PlanSpec plan) {
    Map<String, List<String>> groupsByDeparture = new LinkedHashMap<>();
    for (GroupSpec group : plan.groups()) {
      if (!TABLES.contains(group.table())
          || !PaperNumbers.DATASETS.containsKey(group.template().data().dataset())) {
        continue;
      }
      for (String departure : departures(plan, group)) {
        groupsByDeparture.computeIfAbsent(departure, d -> new ArrayList<>()).add(group.name());
      }
    }
    List<String> lines = new ArrayList<>();
    groupsByDeparture.forEach(
        (departure, groups) ->
            lines.add(
                departure
                    + ": "
                    + groups.size()
                    + (groups.size() == 1 ? " group (" : " groups (")
                    + String.join(", ", groups.subList(0, Math.min(3, groups.size())))
                    + (groups.size() > 3 ? ", ..." : "")
                    + ")"));
    return lines;
  }

  /** The departures in Markdown, or nothing when there are none. */
  static String markdown(List<String> departures, boolean rehearsal) {
    if (departures.isEmpty()) {
      return "";
    }
    StringBuilder out =
        new StringBuilder("## Departures from the paper's protocol\n\n")
            .append(
                rehearsal
                    ? "This is a rehearsal: its runs are shrunk on purpose, and its numbers test the"
                        + " code, not the paper's claim.\n\n"
                    : "These groups stand beside a paper number but do not run the paper's"
                        + " experiment: compare their numbers with the paper's with care.\n\n");
    departures.forEach(line -> out.append("- ").append(line).append('\n'));
    return out.toString();
  }

  private static List<String> departures(PlanSpec plan, GroupSpec group) {
    RunTemplate t = group.template();
    boolean cifar = "cifar100".equals(t.data().dataset());
    List<String> found = new ArrayList<>();
    differs(found, "network", t.network().architecture(), cifar ? "resnet110-wide" : "resnet50");
    differs(
        found,
        "input",
        input(t.data().imageSide(), t.data().inputSide()),
        cifar ? input(0, 0) : input(512, 448));
    differs(
        found, "augmentation", t.data().augmentation(), cifar ? "flip-shift" : "crop-flip-erase");
    if ("flip-shift".equals(t.data().augmentation())) {
      differs(
          found,
          "shift",
          number(t.data().shiftFraction()),
          number(DataRecipe.PAPER_SHIFT_FRACTION));
      differs(found, "shift fill", t.data().shiftFill(), DataRecipe.PAPER_SHIFT_FILL);
    }
    if (t.data().subsetRepeats() > 1) {
      differs(found, "repeat shuffle", t.data().effectiveRepeatShuffle(), DataRecipe.PER_REPEAT);
    }
    networkDepartures(found, t.network());
    objectiveDepartures(found, t.objective());
    differs(found, "batch", t.optimizer().batchSize(), cifar ? 100 : 96);
    differsNumber(found, "weight decay", t.optimizer().weightDecay(), cifar ? 4e-4 : 0);
    optimizerDepartures(found, t.optimizer());
    if (!t.schedule().equals(ScheduleRecipe.PAPER)) {
      found.add(
          String.format(
              Locale.ROOT,
              "schedule %d SGDR cycles of %d epochs x%d (%d epochs)%s instead of 5 of 12 x2 (372)",
              t.schedule().cycles(),
              t.schedule().baseEpochs(),
              t.schedule().multiplier(),
              t.totalEpochs(),
              t.schedule().perStep() ? ", rate set every step" : ""));
    }
    if (t.evaluation().every() != 1) {
      found.add("evaluation every " + t.evaluation().every() + " epochs instead of every epoch");
    }
    if (t.evaluation().batchNormRecalibration() > 0) {
      found.add(
          "BatchNorm statistics re-estimated on "
              + t.evaluation().batchNormRecalibration()
              + " training batches before each evaluation instead of the running statistics");
    }
    if (!group.dependent() && !PAPER_GRID.equals(Set.copyOf(group.learningRates()))) {
      found.add(
          "learning-rate grid "
              + new TreeSet<>(group.learningRates()).descendingSet()
              + " instead of the paper's "
              + new TreeSet<>(PAPER_GRID).descendingSet());
    }
    if (!"grid".equals(plan.search())) {
      found.add("search " + plan.search() + " instead of training every rate to the end");
    }
    if (!Fig3Section.TABLE.equals(group.table())) {
      differs(found, "images per class", t.data().samplesPerClass(), 0);
    } else if (group.seeds().size() < FIG3_SEEDS) {
      found.add(group.seeds().size() + " seed(s) instead of the paper's " + FIG3_SEEDS);
    }
    return found;
  }

  private static void networkDepartures(List<String> found, NetworkRecipe network) {
    differs(found, "initialization", network.initialization(), NetworkRecipe.GLOROT_UNIFORM);
    differsNumber(
        found,
        "BatchNorm momentum",
        network.batchNormMomentum(),
        NetworkRecipe.PAPER_BATCH_NORM_MOMENTUM);
    differsNumber(
        found,
        "BatchNorm epsilon",
        network.batchNormEpsilon(),
        NetworkRecipe.PAPER_BATCH_NORM_EPSILON);
  }

  private static void objectiveDepartures(List<String> found, ObjectiveRecipe objective) {
    if ("cosine+xent".equals(objective.loss())) {
      differsNumber(
          found,
          "cross-entropy weight",
          objective.crossEntropyWeight(),
          ObjectiveRecipe.PAPER_CROSS_ENTROPY_WEIGHT);
      differsNumber(
          found,
          "head weight decay",
          objective.headWeightDecay(),
          ObjectiveRecipe.PAPER_HEAD_WEIGHT_DECAY);
    }
    if ("xent-ls".equals(objective.loss())) {
      differsNumber(
          found,
          "label smoothing",
          objective.labelSmoothing(),
          ObjectiveRecipe.PAPER_LABEL_SMOOTHING);
    }
  }

  private static void optimizerDepartures(List<String> found, OptimizerRecipe optimizer) {
    differsNumber(
        found,
        "minimum learning rate",
        optimizer.minLearningRate(),
        OptimizerRecipe.PAPER_MIN_LEARNING_RATE);
    differsNumber(found, "momentum", optimizer.momentum(), OptimizerRecipe.PAPER_MOMENTUM);
    differs(found, "momentum form", optimizer.effectiveMomentumForm(), OptimizerRecipe.KERAS_FORM);
    differs(found, "weight decay scope", optimizer.weightDecayScope(), OptimizerRecipe.KERNELS);
    differsNumber(found, "clipping norm", optimizer.clipNorm(), OptimizerRecipe.PAPER_CLIP_NORM);
  }

  private static void differsNumber(List<String> found, String what, double ours, double paper) {
    differs(found, what, number(ours), number(paper));
  }

  private static void differs(List<String> found, String what, Object ours, Object paper) {
    if (!ours.equals(paper)) {
      found.add(what + " " + ours + " instead of " + paper);
    }
  }

  private static String input(int imageSide, int inputSide) {
    return inputSide == 0
        ? "images as stored" + (imageSide == 0 ? "" : " resized to " + imageSide)
        : inputSide + " px crops of images resized to " + imageSide;
  }

  private static String number(double value) {
    return value == 0 ? "0" : String.format(Locale.ROOT, "%s", value);
  }
}
