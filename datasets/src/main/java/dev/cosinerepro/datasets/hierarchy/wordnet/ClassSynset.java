package dev.cosinerepro.datasets.hierarchy.wordnet;

/**
 * One class mapped to a WordNet noun synset.
 *
 * @param label the class's 0-based label
 * @param className the dataset's name for the class
 * @param senseKey a WordNet sense key naming the synset, e.g. {@code shirt%1:06:00::}
 * @param line the line of the mapping file it came from (for messages)
 */
public record ClassSynset(int label, String className, String senseKey, int line) {}
