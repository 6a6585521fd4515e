package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.ObjectiveRecipe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The paper's published numbers, as data: test accuracy in percent, trained from scratch.
 *
 * <p>Source: Barz &amp; Denzler, "Deep Learning on Small Datasets without Pre-Training using Cosine
 * Loss", WACV 2020, Table 2 and Table 3 as the paper prints them. The paper reports the best test
 * accuracy after any epoch, at the learning rate that maximises it. The later "gem" benchmark
 * numbers are from Brigato et al., 2022.
 */
public final class PaperNumbers {
  /** Where the numbers come from, for the report. */
  public static final String SOURCE =
      "Barz & Denzler, WACV 2020, Tables 2 and 3 (best test accuracy after any epoch, in %)";

  /** The datasets of Table 2 in the paper's column order: dataset name to column title. */
  public static final Map<String, String> DATASETS = datasets();

  /** The class embeddings of Table 3 in the paper's row order: embedding name to row title. */
  public static final Map<String, String> HIERARCHIES = hierarchies();

  /** The objectives of Table 3's columns, in order. */
  public static final List<String> TABLE3_OBJECTIVES = List.of("cosine", "cosine+xent");

  /**
   * The later benchmark by the same group (Brigato et al., 2022, "gem" benchmark: ResNet-50 at 224
   * px, tuned weight decay, 30 runs, balanced accuracy on CUB), in percent.
   */
  public static final Map<Method, Double> GEM_CUB =
      Map.of(Method.XENT, 70.79, Method.COSINE, 66.94, Method.COSINE_XENT, 70.43);

  private static final Map<Method, double[]> TABLE2 = table2();

  private static final Map<String, double[]> TABLE3 =
      Map.of(
          ObjectiveRecipe.ONE_HOT,
          new double[] {67.6, 68.0},
          "cub-flat",
          new double[] {66.6, 68.8},
          "cub-wikispecies",
          new double[] {61.6, 69.9},
          "cub-deep",
          new double[] {59.9, 70.4});

  private PaperNumbers() {}

  private static Map<String, String> datasets() {
    Map<String, String> datasets = new LinkedHashMap<>();
    datasets.put("cub200", "CUB");
    datasets.put("nabirds", "NAB");
    datasets.put("cars", "Cars");
    datasets.put("flowers102", "Flowers-102");
    datasets.put("cifar100", "CIFAR-100");
    return java.util.Collections.unmodifiableMap(datasets);
  }

  private static Map<String, String> hierarchies() {
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put(ObjectiveRecipe.ONE_HOT, "one-hot (1 level)");
    rows.put("cub-flat", "flat (4 levels)");
    rows.put("cub-wikispecies", "Wikispecies (4–6 levels)");
    rows.put("cub-deep", "deep (7 levels)");
    return java.util.Collections.unmodifiableMap(rows);
  }

  private static Map<Method, double[]> table2() {
    double n = Double.NaN;
    Map<Method, double[]> rows = new LinkedHashMap<>();
    // CUB, NAB, Cars, Flowers-102, CIFAR-100
    rows.put(Method.XENT, new double[] {51.9, 59.4, 78.2, 67.3, 77.0});
    rows.put(Method.XENT_LS, new double[] {55.5, 68.3, 78.1, 66.8, 77.5});
    rows.put(Method.COSINE, new double[] {67.6, 71.7, 84.3, 71.1, 75.3});
    rows.put(Method.COSINE_XENT, new double[] {68.0, 71.9, 85.0, 70.6, 76.4});
    rows.put(Method.COSINE_SEMANTIC, new double[] {59.6, 72.1, n, n, 74.6});
    rows.put(Method.COSINE_XENT_SEMANTIC, new double[] {70.4, 73.8, n, n, 76.7});
    return rows;
  }

  /**
   * The paper's Table 2 accuracy of a method on a dataset, in percent.
   *
   * @param method the method
   * @param dataset a dataset name such as {@code cub200}
   * @return the number, or empty where the paper has none
   */
  public static Optional<Double> table2(Method method, String dataset) {
    int column = List.copyOf(DATASETS.keySet()).indexOf(dataset);
    if (column < 0) {
      return Optional.empty();
    }
    double value = TABLE2.get(method)[column];
    return Double.isNaN(value) ? Optional.empty() : Optional.of(value);
  }

  /**
   * The paper's number for a group of the report, in percent: Table 2 for a {@code table2} group,
   * Table 3 for a {@code table3} group on CUB; empty otherwise (the paper gives no Fig. 3 numbers).
   *
   * @param table the group's table label
   * @param spec the group's template run
   */
  public static Optional<Double> of(String table, dev.cosinerepro.workflows.spec.Recipe spec) {
    return switch (table) {
      case "table2" -> Method.of(spec).flatMap(method -> table2(method, spec.dataset()));
      case "table3" ->
          "cub200".equals(spec.dataset())
              ? table3(spec.embedding(), spec.loss())
              : Optional.empty();
      default -> Optional.empty();
    };
  }

  /**
   * The paper's Table 3 accuracy on CUB, in percent.
   *
   * @param embedding {@code onehot}, {@code cub-flat}, {@code cub-wikispecies} or {@code cub-deep}
   * @param objective {@code cosine} or {@code cosine+xent}
   * @return the number, or empty for another embedding or objective
   */
  public static Optional<Double> table3(String embedding, String objective) {
    int column = TABLE3_OBJECTIVES.indexOf(objective);
    double[] row = TABLE3.get(embedding);
    return row == null || column < 0 ? Optional.empty() : Optional.of(row[column]);
  }
}
