package dev.cosinerepro.workflows.plan;

import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The built-in plans, by name. */
public final class Plans {
  private static final Map<String, Supplier<PlanSpec>> BUILT_IN = Map.of("quick", Plans::quick);

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
   * The test set is evaluated every 4 epochs, which includes the end of each SGDR cycle.
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
        quickRun(k, objective, learningRate),
        List.of(learningRate),
        List.of(0L));
  }

  private static RunSpec quickRun(int k, String objective, double learningRate) {
    int classes = 10;
    int repeats = Math.max(1, IMAGES_PER_EPOCH / (k * classes));
    return new RunSpec(
        "fashion-mnist",
        k,
        0,
        repeats,
        "resnet20",
        objective,
        "onehot",
        learningRate,
        1e-6,
        2,
        4,
        4e-4,
        50,
        "flip-shift",
        4,
        0);
  }
}
