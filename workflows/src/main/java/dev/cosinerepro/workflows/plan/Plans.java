package dev.cosinerepro.workflows.plan;

import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.NetworkRecipe;
import dev.cosinerepro.workflows.spec.ObjectiveRecipe;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunTemplate;
import dev.cosinerepro.workflows.spec.ScheduleRecipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The built-in plans, by name. */
public final class Plans {
  private static final Map<String, Supplier<PlanSpec>> BUILT_IN =
      Map.of(
          "quick", Plans::quick, "fig3-fmnist", Plans::fig3FashionMnist, "paper", PaperPlan::paper);

  /** Images per epoch in the quick plan: the subset is repeated to about this many. */
  static final int IMAGES_PER_EPOCH = 2000;

  private Plans() {}

  /** The names of the built-in plans, sorted. */
  public static List<String> names() {
    return BUILT_IN.keySet().stream().sorted().toList();
  }

  /**
   * Returns a built-in plan.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static PlanSpec byName(String name) {
    Supplier<PlanSpec> plan = BUILT_IN.get(name);
    if (plan == null) {
      throw new IllegalArgumentException(
          "The plan '" + name + "' is not known: use one of " + String.join(", ", names()) + ".");
    }
    return plan.get();
  }

  /**
   * The {@code quick} plan: Fashion-MNIST with 10 and 50 training images per class, softmax
   * cross-entropy against the cosine loss with one-hot embeddings, a CIFAR-style ResNet-20 with one
   * input channel, evaluated on the full test set. Sized to finish within ten minutes on two CPU
   * cores.
   *
   * <p>Learning rates are each method's best on CIFAR-100 in the paper (cross-entropy 0.1, cosine
   * 0.05), the paper's closest small-image setting; nothing here was tuned on Fashion-MNIST. The
   * schedule is the paper's SGDR shortened to two cycles of 4 + 8 epochs, with the paper's CIFAR
   * weight decay (L2 2e-4, i.e. 4e-4 in the decoupled form). Each subset is repeated so that an
   * epoch holds about {@value #IMAGES_PER_EPOCH} images whatever k is, as the authors did on CUB.
   * The test set is evaluated every 4 epochs, which includes the end of each SGDR cycle. Batches
   * are laid out channels-last ({@code network.memoryFormat}), the faster layout on a CPU; the
   * numbers of the row-major layout, which the quick plan used before, are in docs/results/quick.
   */
  public static PlanSpec quick() {
    List<GroupSpec> groups = new ArrayList<>();
    for (int k : new int[] {10, 50}) {
      groups.add(quickGroup(k, "xent", 0.1));
      groups.add(quickGroup(k, "cosine", 0.05));
    }
    return new PlanSpec(
        "quick",
        "Fashion-MNIST, k = 10 and 50 per class: cross-entropy vs cosine loss (ResNet-20, 12 epochs)",
        groups,
        2);
  }

  private static GroupSpec quickGroup(int k, String objective, double learningRate) {
    return GroupSpec.grid(
        "fashion-mnist/k" + k + "/" + objective,
        "quick",
        quickRun(k, objective, ObjectiveRecipe.ONE_HOT),
        List.of(learningRate),
        List.of(0L));
  }

  /**
   * The {@code fig3-fmnist} plan: the paper's Fig. 3 experiment on Fashion-MNIST at a scale where
   * the networks converge on a CPU. First a learning-rate grid per method at k = 10 (one seed;
   * successive halving at the first restart), then every method at its chosen rate with 1, 2, 5,
   * 10, 20, 50 and 100 images per class, three seeds each. Methods: cross-entropy, cosine loss and
   * cosine + cross-entropy with one-hot embeddings, and both cosine variants with the
   * WordNet-derived hierarchy embedding.
   *
   * <p>Each run: ResNet-20, epochs of about {@value #IMAGES_PER_EPOCH} images (the subset
   * repeated), SGDR over 4 + 8 + 16 epochs (4 + 8 + 16 + 32 from 50 images per class, where 28
   * epochs are too few passes over the subset) with the rate set at every step (per-epoch rates
   * drop from the maximum to the minimum within one 4-epoch cycle, where the authors' Keras
   * momentum coasts on the old rate: docs/results/bn-evaluation), evaluation every 4 epochs with
   * BatchNorm statistics re-estimated on {@value #SHORT_PLAN_RECALIBRATION} batches. Measured on 2
   * CPU threads: docs/results/fig3-fmnist.
   */
  public static PlanSpec fig3FashionMnist() {
    List<GroupSpec> groups = new ArrayList<>();
    List<String[]> methods =
        List.of(
            new String[] {"xent", ObjectiveRecipe.ONE_HOT},
            new String[] {"cosine", ObjectiveRecipe.ONE_HOT},
            new String[] {"cosine+xent", ObjectiveRecipe.ONE_HOT},
            new String[] {"cosine", "wordnet:fashion-mnist"},
            new String[] {"cosine+xent", "wordnet:fashion-mnist"});
    for (String[] method : methods) {
      // group names allow no ':': wordnet:fashion-mnist is tagged wordnet-fashion-mnist
      String tag =
          method[0]
              + (ObjectiveRecipe.ONE_HOT.equals(method[1])
                  ? ""
                  : "/" + method[1].replace(':', '-'));
      String gridName = "fashion-mnist/grid/" + tag;
      groups.add(
          GroupSpec.grid(
              gridName,
              "grid",
              convergedRun(10, method[0], method[1]),
              List.of(0.5, 0.1, 0.05, 0.01),
              List.of(0L)));
      for (int k : new int[] {1, 2, 5, 10, 20, 50, 100}) {
        groups.add(
            GroupSpec.atRateOf(
                "fashion-mnist/k" + k + "/" + tag,
                "fig3",
                convergedRun(k, method[0], method[1]),
                gridName,
                List.of(0L, 1L, 2L)));
      }
    }
    return new PlanSpec(
        "fig3-fmnist",
        "Fig. 3 on Fashion-MNIST: accuracy vs images per class (1..100), 3 seeds, each method at its"
            + " best rate (ResNet-20, 28 epochs of ~2,000 images, 60 from k = 50)",
        groups,
        4,
        "halving");
  }

  /**
   * Training batches over which the short plans re-estimate BatchNorm statistics before each
   * evaluation. Their runs are too short for the authors' momentum of 0.99 to forget the initial
   * statistics (mean 0, variance 1): after the quick plan's first cycle of 160 steps they still
   * weigh 0.99^160 = 20 %, and measured on Fashion-MNIST (k = 50, ResNet-20, 80 steps) the test
   * accuracy with the running statistics was 19 % at 70 % training accuracy, 59 % with statistics
   * re-estimated on 20 batches (BatchNormLagMeasurement in the model module).
   */
  static final int SHORT_PLAN_RECALIBRATION = 20;

  /**
   * Images per class from which a {@code fig3-fmnist} run gets a fourth SGDR cycle. Measured on 2
   * CPU threads (docs/results/fig3-fmnist): with 4 + 8 + 16 epochs, k = 1 and 10 end at 99.9-100 %
   * training accuracy with a flat test accuracy, while k = 100 (56 passes over its 1,000 images)
   * ends at 91-94 % with the test accuracy still rising by about 3 points.
   */
  static final int LONG_SCHEDULE_FROM_SAMPLES_PER_CLASS = 50;

  /**
   * A {@code fig3-fmnist} run: SGDR over 4 + 8 + 16 epochs, or 4 + 8 + 16 + 32 from {@link
   * #LONG_SCHEDULE_FROM_SAMPLES_PER_CLASS} images per class, the rate set at every step.
   */
  private static RunTemplate convergedRun(int k, String objective, String embedding) {
    int cycles = k >= LONG_SCHEDULE_FROM_SAMPLES_PER_CLASS ? 4 : 3;
    return fashionMnistRun(
        k,
        objective,
        embedding,
        new ScheduleRecipe(cycles, 4, 2, true),
        NetworkRecipe.CONTIGUOUS); // as docs/results/fig3-fmnist was measured
  }

  /** A {@code quick} run: SGDR over 4 + 8 epochs, the rate set per epoch, channels-last batches. */
  private static RunTemplate quickRun(int k, String objective, String embedding) {
    return fashionMnistRun(
        k, objective, embedding, ScheduleRecipe.sgdr(2, 4), NetworkRecipe.CHANNELS_LAST);
  }

  private static RunTemplate fashionMnistRun(
      int k, String objective, String embedding, ScheduleRecipe schedule, String memoryFormat) {
    int classes = 10;
    int repeats = Math.max(1, IMAGES_PER_EPOCH / (k * classes));
    return RunTemplate.builder()
        .setDataset("fashion-mnist")
        .optSamplesPerClass(k)
        .optSubsetRepeats(repeats)
        .optAugmentation("flip-shift")
        .setArchitecture("resnet20")
        .optMemoryFormat(memoryFormat)
        .setLoss(objective)
        .optEmbedding(embedding)
        .setBatchSize(50)
        .optWeightDecay(4e-4)
        .optSchedule(schedule)
        .optEvalEvery(4)
        .optBatchNormRecalibration(SHORT_PLAN_RECALIBRATION)
        .build();
  }
}
