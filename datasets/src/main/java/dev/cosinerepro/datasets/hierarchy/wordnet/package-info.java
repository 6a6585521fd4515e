/**
 * Class hierarchies derived from WordNet 3.1 (extJWNL with its bundled data, no network): a curated
 * {@link dev.cosinerepro.datasets.hierarchy.wordnet.SynsetMapping} maps each class to a noun synset
 * by sense key, and {@link dev.cosinerepro.datasets.hierarchy.wordnet.WordNetHierarchy} turns the
 * first-hypernym chains of those synsets into a tree without unary nodes. The shipped mappings
 * cover Fashion-MNIST and CIFAR-100 ({@code *.synsets.tsv} resources, each choice explained on its
 * line).
 */
package dev.cosinerepro.datasets.hierarchy.wordnet;
