package dev.cosinerepro.workflows.plan;

import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.ObjectiveRecipe;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code paper} plan: the paper's whole from-scratch programme as PROTOCOL.md describes it.
 *
 * <ul>
 *   <li>Table 2: CUB, NABirds, Stanford Cars, Flowers-102 (ResNet-50, 448-pixel crops, batch 96, no
 *       weight decay) and CIFAR-100 (ResNet-110 wide, batch 100, L2 2e-4) with cross-entropy, label
 *       smoothing, cosine and cosine + cross-entropy (one-hot), and both cosine variants with
 *       semantic embeddings where the paper has a hierarchy (CUB: the deep tree, NABirds,
 *       CIFAR-100), each over the learning-rate grid {2.5, 1, 0.5, 0.1, 0.05, 0.01, 0.005, 0.001}.
 *   <li>Table 3: CUB with the flat and Wikispecies hierarchies (one-hot and deep are Table 2
 *       groups).
 *   <li>Fig. 3: CUB with 1 to 30 and CIFAR-100 with 10 to 250 images per class, three seeds, each
 *       method (cross-entropy, cosine and cosine + cross-entropy, the cosine ones also with the
 *       semantic embeddings of CUB's deep and CIFAR-100's hierarchies) at the rate its Table 2
 *       group chose, the subset repeated so iterations per epoch stay about constant.
 * </ul>
 *
 * <p>Every run follows SGDR over 5 cycles of 12, 24, 48, 96 and 192 epochs (372 in all) and is
 * evaluated after every epoch, because the paper reports the best test accuracy after any epoch.
 */
final class PaperPlan {
  static final List<Double> GRID = List.of(2.5, 1.0, 0.5, 0.1, 0.05, 0.01, 0.005, 0.001);

  private static final List<String> FINE_GRAINED =
      List.of("cub200", "nabirds", "cars", "flowers102");

  private PaperPlan() {}

  static PlanSpec paper() {
    List<GroupSpec> groups = new ArrayList<>();
    List<String> datasets = new ArrayList<>(FINE_GRAINED);
    datasets.add("cifar100");
    for (String dataset : datasets) {
      for (String objective : List.of("xent", "xent-ls", "cosine", "cosine+xent")) {
        groups.add(table2(dataset, objective, ObjectiveRecipe.ONE_HOT));
      }
      String hierarchy = semanticHierarchy(dataset);
      if (hierarchy != null) {
        groups.add(table2(dataset, "cosine", hierarchy));
        groups.add(table2(dataset, "cosine+xent", hierarchy));
      }
    }
    for (String hierarchy : List.of("cub-flat", "cub-wikispecies")) {
      for (String objective : List.of("cosine", "cosine+xent")) {
        groups.add(
            GroupSpec.grid(
                "table3/cub200/" + objective + "/" + hierarchy,
                "table3",
                run("cub200", 0, 1, objective, hierarchy),
                GRID,
                List.of(0L)));
      }
    }
    // Fig. 3: each method of Table 2 and, as the paper discusses, the semantic embeddings of the
    // datasets with a hierarchy (CUB's deep tree, CIFAR-100's).
    List<String[]> methods = new ArrayList<>();
    methods.add(new String[] {"xent", ObjectiveRecipe.ONE_HOT});
    for (String objective : List.of("cosine", "cosine+xent")) {
      methods.add(new String[] {objective, ObjectiveRecipe.ONE_HOT});
      methods.add(new String[] {objective, "semantic"});
    }
    for (String[] method : methods) {
      // CUB has 29 or 30 training images per class: its largest point is the whole split (k = 0).
      for (int k : new int[] {1, 2, 5, 10, 15, 20, 25, 0}) {
        groups.add(fig3("cub200", k, k == 0 ? 1 : Math.max(1, 30 / k), method[0], method[1]));
      }
      for (int k : new int[] {10, 25, 50, 100, 150, 200, 250}) {
        groups.add(fig3("cifar100", k, Math.max(1, 500 / k), method[0], method[1]));
      }
    }
    return new PlanSpec(
        "paper",
        "Barz & Denzler (WACV 2020) from scratch: Table 2, Table 3 and Fig. 3",
        groups,
        12);
  }

  private static String semanticHierarchy(String dataset) {
    return switch (dataset) {
      case "cub200" -> "cub-deep";
      case "nabirds" -> "nabirds";
      case "cifar100" -> "cifar100";
      default -> null;
    };
  }

  private static GroupSpec table2(String dataset, String objective, String embedding) {
    return GroupSpec.grid(
        table2Name(dataset, objective, embedding),
        "table2",
        run(dataset, 0, 1, objective, embedding),
        GRID,
        List.of(0L));
  }

  private static String table2Name(String dataset, String objective, String embedding) {
    return "table2/"
        + dataset
        + "/"
        + objective
        + (ObjectiveRecipe.ONE_HOT.equals(embedding) ? "" : "/" + embedding);
  }

  private static GroupSpec fig3(
      String dataset, int k, int repeats, String objective, String embeddingKind) {
    String embedding =
        ObjectiveRecipe.ONE_HOT.equals(embeddingKind)
            ? ObjectiveRecipe.ONE_HOT
            : semanticHierarchy(dataset);
    String method = table2Name(dataset, objective, embedding);
    return GroupSpec.atRateOf(
        "fig3/"
            + dataset
            + "/k"
            + (k == 0 ? "all" : Integer.toString(k))
            + method.substring(("table2/" + dataset).length()),
        "fig3",
        run(dataset, k, repeats, objective, embedding),
        method,
        List.of(0L, 1L, 2L));
  }

  private static RunTemplate run(
      String dataset, int samplesPerClass, int repeats, String objective, String embedding) {
    boolean cifar = "cifar100".equals(dataset);
    RunTemplate.Builder run =
        RunTemplate.builder()
            .setDataset(dataset)
            .optSamplesPerClass(samplesPerClass)
            .optSubsetRepeats(repeats)
            .setArchitecture(cifar ? "resnet110-wide" : "resnet50")
            .setLoss(objective)
            .optEmbedding(embedding)
            .setBatchSize(cifar ? 100 : 96)
            .optWeightDecay(cifar ? 4e-4 : 0);
    return cifar
        ? run.optAugmentation("flip-shift").build()
        : run.optAugmentation("crop-flip-erase").optImageSides(512, 448).build();
  }
}
