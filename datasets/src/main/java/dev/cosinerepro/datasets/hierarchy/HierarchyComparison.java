package dev.cosinerepro.datasets.hierarchy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;

/**
 * How far two hierarchies over the same classes agree, judged without node names: an inner node is
 * identified by the set of classes below it (its <em>cluster</em>), so unary chains and different
 * ids or names do not matter. For a class c, its ancestor clusters are the clusters of its proper
 * ancestors other than the root (the root's cluster is all classes in both trees).
 *
 * @param classes the number of classes
 * @param sameAncestors classes whose sets of ancestor clusters are equal in both trees
 * @param meanAncestorJaccard the mean over classes of |A1 ∩ A2| / |A1 ∪ A2| for the two sets of
 *     ancestor clusters (1 where both are empty)
 * @param sameParent classes whose parent covers the same classes in both trees
 * @param pairs the number of unordered class pairs, {@code n(n-1)/2}
 * @param sameLcs pairs whose lowest common subsumer covers the same classes in both trees
 * @param siblingPairs pairs that share a parent in the first tree
 * @param siblingPairsKept of those, the pairs that also share a parent in the second tree
 * @param similarityCorrelation Pearson correlation of the two similarity matrices over all pairs
 * @param clustersFirst distinct clusters of the first tree's inner nodes other than the root
 * @param clustersSecond the same for the second tree
 * @param sharedClusters clusters that are inner-node clusters (not the root's) of both trees
 */
public record HierarchyComparison(
    int classes,
    int sameAncestors,
    double meanAncestorJaccard,
    int sameParent,
    int pairs,
    int sameLcs,
    int siblingPairs,
    int siblingPairsKept,
    double similarityCorrelation,
    int clustersFirst,
    int clustersSecond,
    int sharedClusters) {

  /**
   * Compares two hierarchies whose leaves are the same class ids.
   *
   * @throws IllegalArgumentException if the classes differ
   */
  public static HierarchyComparison of(Hierarchy first, Hierarchy second) {
    List<Integer> classes = first.classes();
    if (!classes.equals(second.classes())) {
      throw new IllegalArgumentException(
          first.source()
              + " and "
              + second.source()
              + " do not have the same classes, so they cannot be compared.");
    }
    int n = classes.size();
    int sameAncestors = 0;
    int sameParent = 0;
    double jaccardSum = 0;
    for (int c : classes) {
      Set<SortedSet<Integer>> a1 = ancestorClusters(first, c);
      Set<SortedSet<Integer>> a2 = ancestorClusters(second, c);
      if (a1.equals(a2)) {
        sameAncestors++;
      }
      Set<SortedSet<Integer>> union = new HashSet<>(a1);
      union.addAll(a2);
      Set<SortedSet<Integer>> common = new HashSet<>(a1);
      common.retainAll(a2);
      jaccardSum += union.isEmpty() ? 1.0 : common.size() / (double) union.size();
      int p1 = first.parents().get(c);
      int p2 = second.parents().get(c);
      if (first.leavesUnder(p1).equals(second.leavesUnder(p2))) {
        sameParent++;
      }
    }
    double[][] s1 = SemanticEmbeddings.similarity(first);
    double[][] s2 = SemanticEmbeddings.similarity(second);
    int pairs = 0;
    int sameLcs = 0;
    int siblings = 0;
    int kept = 0;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        int ca = classes.get(a);
        int cb = classes.get(b);
        pairs++;
        if (first.leavesUnder(first.lcs(ca, cb)).equals(second.leavesUnder(second.lcs(ca, cb)))) {
          sameLcs++;
        }
        if (first.parents().get(ca).equals(first.parents().get(cb))) {
          siblings++;
          if (second.parents().get(ca).equals(second.parents().get(cb))) {
            kept++;
          }
        }
        double x = s1[a][b];
        double y = s2[a][b];
        sx += x;
        sy += y;
        sxx += x * x;
        syy += y * y;
        sxy += x * y;
      }
    }
    double cov = sxy - sx * sy / pairs;
    double vx = sxx - sx * sx / pairs;
    double vy = syy - sy * sy / pairs;
    double correlation = vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : Double.NaN;
    Set<SortedSet<Integer>> c1 = innerClusters(first);
    Set<SortedSet<Integer>> c2 = innerClusters(second);
    Set<SortedSet<Integer>> shared = new HashSet<>(c1);
    shared.retainAll(c2);
    return new HierarchyComparison(
        n,
        sameAncestors,
        jaccardSum / n,
        sameParent,
        pairs,
        sameLcs,
        siblings,
        kept,
        correlation,
        c1.size(),
        c2.size(),
        shared.size());
  }

  /** A few lines for people, naming the two trees as given. */
  public String describe(String firstName, String secondName) {
    return String.format(
        java.util.Locale.ROOT,
        "classes: %d%n"
            + "classes with the same ancestor clusters: %d of %d (mean Jaccard of the ancestor"
            + " clusters %.3f)%n"
            + "classes whose parent covers the same classes: %d of %d%n"
            + "class pairs whose lcs covers the same classes: %d of %d%n"
            + "pairs sharing a parent in %s that share one in %s: %d of %d%n"
            + "inner-node clusters (root excluded): %d in %s, %d in %s, %d in both%n"
            + "Pearson correlation of the similarities over all pairs: %.4f%n",
        classes,
        sameAncestors,
        classes,
        meanAncestorJaccard,
        sameParent,
        classes,
        sameLcs,
        pairs,
        firstName,
        secondName,
        siblingPairsKept,
        siblingPairs,
        clustersFirst,
        firstName,
        clustersSecond,
        secondName,
        sharedClusters,
        similarityCorrelation);
  }

  private static Set<SortedSet<Integer>> innerClusters(Hierarchy h) {
    Set<SortedSet<Integer>> clusters = new HashSet<>();
    for (int node : h.nodes()) {
      if (node != h.root() && !h.children(node).isEmpty()) {
        clusters.add(h.leavesUnder(node));
      }
    }
    return clusters;
  }

  private static Set<SortedSet<Integer>> ancestorClusters(Hierarchy h, int leaf) {
    Set<SortedSet<Integer>> clusters = new HashSet<>();
    for (int ancestor : h.ancestors(leaf)) {
      if (ancestor != h.root()) {
        clusters.add(h.leavesUnder(ancestor));
      }
    }
    return clusters;
  }
}
