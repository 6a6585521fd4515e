package dev.cosinerepro.datasets.hierarchy;

import dev.cosinerepro.datasets.DatasetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A validated class hierarchy: a tree of integer node ids whose leaves are the classes of a
 * dataset. The classes are the leaves sorted by id, and a class's label is its index in that order
 * ({@link #classes()}), so CUB's leaf ids 1..200 become labels 0..199 and NABirds' leaf ids become
 * the dense labels the dataset uses.
 *
 * <p>Heights follow Barz &amp; Denzler: {@code height(leaf) = 0}, {@code height(v) = 1 + max height
 * of v's children}, and the hierarchy's height is {@code H = height(root)}. The lowest common
 * subsumer {@code lcs(a, b)} is the deepest node that is an ancestor of both (a node is its own
 * ancestor).
 *
 * <p>Instances are built by {@link #builder(String)} (or {@link HierarchyReader}) and are
 * immutable. The builder rejects, with one sentence naming the source and the offending line or
 * node: self edges, duplicate edges, a node with two parents, several roots and cycles.
 */
public final class Hierarchy {
  private final String source;
  private final int root;
  private final Map<Integer, Integer> parentOf;
  private final Map<Integer, List<Integer>> childrenOf;
  private final Map<Integer, Integer> heights;
  private final Map<Integer, Integer> depths;
  private final List<Integer> leaves;
  private final Map<Integer, Integer> labelOf;
  private final Map<Integer, String> names;

  private Hierarchy(
      String source, int root, Map<Integer, Integer> parentOf, Map<Integer, String> names) {
    this.source = source;
    this.root = root;
    this.parentOf = Collections.unmodifiableMap(new TreeMap<>(parentOf));
    Map<Integer, List<Integer>> children = new TreeMap<>();
    children.put(root, new ArrayList<>());
    for (Map.Entry<Integer, Integer> edge : this.parentOf.entrySet()) {
      children.computeIfAbsent(edge.getValue(), k -> new ArrayList<>()).add(edge.getKey());
      children.computeIfAbsent(edge.getKey(), k -> new ArrayList<>());
    }
    Map<Integer, List<Integer>> frozen = new TreeMap<>();
    children.forEach((node, list) -> frozen.put(node, List.copyOf(new TreeSet<>(list))));
    this.childrenOf = Collections.unmodifiableMap(frozen);
    this.leaves =
        frozen.entrySet().stream()
            .filter(e -> e.getValue().isEmpty())
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    Map<Integer, Integer> labels = new HashMap<>();
    for (int i = 0; i < leaves.size(); i++) {
      labels.put(leaves.get(i), i);
    }
    this.labelOf = Collections.unmodifiableMap(labels);
    this.heights = Collections.unmodifiableMap(computeHeights());
    this.depths = Collections.unmodifiableMap(computeDepths());
    Map<Integer, String> known = new TreeMap<>();
    names.forEach(
        (id, name) -> {
          if (childrenOf.containsKey(id)) {
            known.put(id, name);
          }
        });
    this.names = Collections.unmodifiableMap(known);
  }

  /**
   * Starts building a hierarchy.
   *
   * @param source what the edges come from (a file name), used in every error message
   */
  public static Builder builder(String source) {
    return new Builder(source);
  }

  /**
   * The trivial hierarchy of one-hot encoding: a root (id {@code n}) with the {@code n} classes
   * {@code 0..n-1} as its children. Its height is 1 and its similarity matrix is the identity.
   *
   * @param n the number of classes, at least 2
   */
  public static Hierarchy flat(int n) {
    if (n < 2) {
      throw new IllegalArgumentException(
          "A flat hierarchy needs at least 2 classes, not " + n + ".");
    }
    Builder builder = builder("flat(" + n + ")");
    for (int i = 0; i < n; i++) {
      builder.edge(n, i, "class " + i);
    }
    return builder.build();
  }

  /** What the hierarchy was read from, for messages. */
  public String source() {
    return source;
  }

  /** The root node. */
  public int root() {
    return root;
  }

  /** Every node id, ascending. */
  public SortedSet<Integer> nodes() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(childrenOf.keySet()));
  }

  /** The number of nodes. */
  public int nodeCount() {
    return childrenOf.size();
  }

  /** The classes: the leaf ids in label order (ascending id). Label {@code i} is element i. */
  public List<Integer> classes() {
    return leaves;
  }

  /** The number of classes (leaves). */
  public int classCount() {
    return leaves.size();
  }

  /**
   * The label of a leaf: its index in {@link #classes()}.
   *
   * @throws IllegalArgumentException if the node is not a leaf
   */
  public int label(int leaf) {
    Integer label = labelOf.get(leaf);
    if (label == null) {
      throw new IllegalArgumentException(source + " has no leaf " + leaf + ".");
    }
    return label;
  }

  /** The parent of every node but the root, as an unmodifiable map child to parent. */
  public Map<Integer, Integer> parents() {
    return parentOf;
  }

  /** The children of a node, ascending (empty for a leaf). */
  public List<Integer> children(int node) {
    return require(childrenOf.get(node), node);
  }

  /** {@code height(v)}: 0 for a leaf, else 1 + the largest height among v's children. */
  public int height(int node) {
    return require(heights.get(node), node);
  }

  /** {@code H = height(root)}, the length of the longest path from the root to a leaf. */
  public int height() {
    return heights.get(root);
  }

  /** The number of edges between a node and the root (0 for the root). */
  public int depth(int node) {
    return require(depths.get(node), node);
  }

  /** The ancestors of a node from its parent up to the root (empty for the root). */
  public List<Integer> ancestors(int node) {
    require(depths.get(node), node);
    List<Integer> path = new ArrayList<>();
    Integer current = parentOf.get(node);
    while (current != null) {
      path.add(current);
      current = parentOf.get(current);
    }
    return path;
  }

  /**
   * The lowest common subsumer: the deepest node that is an ancestor of (or equal to) both {@code
   * a} and {@code b}.
   */
  public int lcs(int a, int b) {
    int x = a;
    int y = b;
    int dx = depth(x);
    int dy = depth(y);
    while (dx > dy) {
      x = parentOf.get(x);
      dx--;
    }
    while (dy > dx) {
      y = parentOf.get(y);
      dy--;
    }
    while (x != y) {
      x = parentOf.get(x);
      y = parentOf.get(y);
    }
    return x;
  }

  /** The leaves below a node (the node itself if it is a leaf), ascending. */
  public SortedSet<Integer> leavesUnder(int node) {
    SortedSet<Integer> found = new TreeSet<>();
    Deque<Integer> open = new ArrayDeque<>();
    open.push(node);
    while (!open.isEmpty()) {
      int v = open.pop();
      List<Integer> children = children(v);
      if (children.isEmpty()) {
        found.add(v);
      }
      children.forEach(open::push);
    }
    return found;
  }

  /** A node's name, or its id as text if the hierarchy has no name for it. */
  public String name(int node) {
    return names.getOrDefault(node, Integer.toString(node));
  }

  /** The known node names (id to name); may be empty. */
  public Map<Integer, String> names() {
    return names;
  }

  /** The class names in label order (ids as text where a name is missing). */
  public List<String> classNames() {
    return leaves.stream().map(this::name).toList();
  }

  /** The same tree with the given node names (ids without a name keep their id as name). */
  public Hierarchy withNames(Map<Integer, String> nodeNames) {
    return new Hierarchy(source, root, parentOf, nodeNames);
  }

  /**
   * Checks that the leaves are exactly the given classes: every class is a leaf and every leaf is a
   * class.
   *
   * @param classIds the dataset's class ids as they appear in the hierarchy
   * @param dataset what the classes come from, for the message
   * @throws DatasetException naming the first class that is no leaf, or leaf that is no class
   */
  public Hierarchy checkClasses(Collection<Integer> classIds, String dataset) {
    SortedSet<Integer> wanted = new TreeSet<>(classIds);
    for (int id : wanted) {
      if (!childrenOf.containsKey(id)) {
        throw new DatasetException(
            source
                + " has no node for class "
                + id
                + " of "
                + dataset
                + "; every class must be a leaf of the hierarchy, so use the hierarchy file that"
                + " belongs to this dataset.");
      }
      if (!childrenOf.get(id).isEmpty()) {
        throw new DatasetException(
            source
                + " has class "
                + id
                + " of "
                + dataset
                + " as an inner node (its children include "
                + childrenOf.get(id).get(0)
                + "); every class must be a leaf, so use the hierarchy file that belongs to this"
                + " dataset.");
      }
    }
    for (int leaf : leaves) {
      if (!wanted.contains(leaf)) {
        throw new DatasetException(
            source
                + " has leaf "
                + leaf
                + (names.containsKey(leaf) ? " (" + names.get(leaf) + ")" : "")
                + ", which is no class of "
                + dataset
                + "; every leaf must be a class, so use the hierarchy file that belongs to this"
                + " dataset.");
      }
    }
    return this;
  }

  /**
   * The edges as {@code parent child} lines, sorted by parent then child: the canonical form used
   * for hashing and for writing.
   */
  public List<String> canonicalEdges() {
    List<int[]> edges = new ArrayList<>();
    parentOf.forEach((child, parent) -> edges.add(new int[] {parent, child}));
    edges.sort((x, y) -> x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[1], y[1]));
    return edges.stream().map(e -> e[0] + " " + e[1]).toList();
  }

  /** Writes the tree as a {@code parent child} edge list, one edge per line (canonical order). */
  public void writeParentChild(Writer out) {
    try {
      for (String edge : canonicalEdges()) {
        out.write(edge);
        out.write('\n');
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code id name} lines for every node, ascending by id. */
  public void writeIdNames(Writer out) {
    try {
      for (int node : childrenOf.keySet()) {
        out.write(node + " " + name(node) + "\n");
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Hierarchy h && h.parentOf.equals(parentOf) && h.root == root;
  }

  @Override
  public int hashCode() {
    return Objects.hash(root, parentOf);
  }

  @Override
  public String toString() {
    return source
        + " ("
        + nodeCount()
        + " nodes, "
        + classCount()
        + " leaves, height "
        + height()
        + ")";
  }

  private <T> T require(T value, int node) {
    if (value == null) {
      throw new IllegalArgumentException(source + " has no node " + node + ".");
    }
    return value;
  }

  private Map<Integer, Integer> computeHeights() {
    Map<Integer, Integer> result = new HashMap<>();
    // Post-order without recursion: a node is finished once all its children are.
    Deque<Integer> open = new ArrayDeque<>();
    open.push(root);
    while (!open.isEmpty()) {
      int node = open.peek();
      List<Integer> children = childrenOf.get(node);
      boolean ready = true;
      for (int child : children) {
        if (!result.containsKey(child)) {
          open.push(child);
          ready = false;
        }
      }
      if (ready) {
        open.pop();
        int height = 0;
        for (int child : children) {
          height = Math.max(height, 1 + result.get(child));
        }
        result.put(node, height);
      }
    }
    return result;
  }

  private Map<Integer, Integer> computeDepths() {
    Map<Integer, Integer> result = new HashMap<>();
    Deque<Integer> open = new ArrayDeque<>();
    result.put(root, 0);
    open.push(root);
    while (!open.isEmpty()) {
      int node = open.pop();
      for (int child : childrenOf.get(node)) {
        result.put(child, result.get(node) + 1);
        open.push(child);
      }
    }
    return result;
  }

  /**
   * Collects {@code parent -> child} edges, remembering where each came from, and validates the
   * tree in {@link #build()}.
   */
  public static final class Builder {
    private final String source;
    private final Map<Integer, Integer> parentOf = new LinkedHashMap<>();
    private final Map<Integer, String> whereOf = new HashMap<>();
    private final SortedSet<Integer> nodes = new TreeSet<>();
    private final Map<Integer, String> names = new TreeMap<>();

    private Builder(String source) {
      this.source = source;
    }

    /**
     * Adds an edge.
     *
     * @param parent the parent node id
     * @param child the child node id
     * @param where where the edge was read, e.g. {@code "line 12"}, for messages
     * @throws DatasetException for a self edge, a repeated edge or a second parent of {@code child}
     */
    public Builder edge(int parent, int child, String where) {
      if (parent == child) {
        throw new DatasetException(
            source + " " + where + " links node " + child + " to itself; remove that edge.");
      }
      Integer previous = parentOf.get(child);
      if (previous != null && previous == parent) {
        throw new DatasetException(
            source
                + " "
                + where
                + " repeats the edge "
                + parent
                + " -> "
                + child
                + " of "
                + whereOf.get(child)
                + "; remove one of them.");
      }
      if (previous != null) {
        throw new DatasetException(
            source
                + " "
                + where
                + " gives node "
                + child
                + " a second parent "
                + parent
                + " ("
                + whereOf.get(child)
                + " gave it "
                + previous
                + "), so it is not a tree; keep one parent per node.");
      }
      parentOf.put(child, parent);
      whereOf.put(child, where);
      nodes.add(parent);
      nodes.add(child);
      return this;
    }

    /** Adds node names (id to name); names of ids that are no node are ignored. */
    public Builder names(Map<Integer, String> nodeNames) {
      names.putAll(nodeNames);
      return this;
    }

    /**
     * Validates and builds the hierarchy.
     *
     * @throws DatasetException if there are no edges, several roots, or a cycle
     */
    public Hierarchy build() {
      if (parentOf.isEmpty()) {
        throw new DatasetException(
            source + " has no edges; supply a non-empty hierarchy file with one edge per line.");
      }
      List<Integer> roots = nodes.stream().filter(n -> !parentOf.containsKey(n)).toList();
      if (roots.size() > 1) {
        throw new DatasetException(
            source
                + " has "
                + roots.size()
                + " roots (nodes without a parent: "
                + describe(roots)
                + "); a hierarchy has exactly one, so connect them under a common parent.");
      }
      Map<Integer, List<Integer>> children = new HashMap<>();
      parentOf.forEach((c, p) -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(c));
      SortedSet<Integer> reached = new TreeSet<>();
      if (!roots.isEmpty()) {
        Deque<Integer> open = new ArrayDeque<>(roots);
        while (!open.isEmpty()) {
          int node = open.pop();
          reached.add(node);
          open.addAll(children.getOrDefault(node, List.of()));
        }
      }
      if (reached.size() < nodes.size()) {
        int start = nodes.stream().filter(n -> !reached.contains(n)).findFirst().orElseThrow();
        List<Integer> cycle = cycleFrom(start);
        throw new DatasetException(
            source
                + " has the cycle "
                + cycle.stream().map(String::valueOf).collect(Collectors.joining(" -> "))
                + " (each node followed by its parent, the first edge at "
                + whereOf.get(cycle.get(0))
                + "), so it is not a tree; break the cycle so that every node leads to one root.");
      }
      return new Hierarchy(source, roots.get(0), parentOf, names);
    }

    private List<Integer> cycleFrom(int start) {
      // Every node off the root's tree leads into a cycle when following parents.
      List<Integer> path = new ArrayList<>();
      Map<Integer, Integer> seenAt = new HashMap<>();
      int node = start;
      while (!seenAt.containsKey(node)) {
        seenAt.put(node, path.size());
        path.add(node);
        node = parentOf.get(node);
      }
      List<Integer> cycle = new ArrayList<>(path.subList(seenAt.get(node), path.size()));
      cycle.add(node);
      return cycle;
    }

    private static String describe(List<Integer> ids) {
      String shown = ids.stream().limit(10).map(String::valueOf).collect(Collectors.joining(", "));
      return ids.size() > 10 ? shown + ", ..." : shown;
    }
  }
}
