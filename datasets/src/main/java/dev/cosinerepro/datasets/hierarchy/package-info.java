/**
 * Class hierarchies and the hierarchy-based semantic class embeddings of Barz &amp; Denzler.
 *
 * <p>A {@link dev.cosinerepro.datasets.hierarchy.Hierarchy} is a validated tree whose leaves,
 * sorted by id, are a dataset's classes in label order; {@link
 * dev.cosinerepro.datasets.hierarchy.HierarchyReader} reads {@code parent child} and {@code child
 * parent} edge lists and {@code id name} lists, and {@link
 * dev.cosinerepro.datasets.hierarchy.HierarchyRegistry} names the hierarchies of the reproduction
 * (the shipped CUB and CIFAR-100 files, NABirds' own, and WordNet-derived ones from {@link
 * dev.cosinerepro.datasets.hierarchy.wordnet}).
 *
 * <p>{@link dev.cosinerepro.datasets.hierarchy.SemanticEmbeddings} computes the similarity {@code
 * S[a][b] = 1 - height(lcs(a, b)) / H} and embeddings {@code E} with {@code E E^T = S} (Cholesky)
 * or a low-dimensional approximation (top eigenvectors); {@link
 * dev.cosinerepro.datasets.hierarchy.EmbeddingMatrix} is the resulting artifact with its content
 * key and binary form. {@link dev.cosinerepro.datasets.hierarchy.HierarchyComparison} measures how
 * far two trees over the same classes agree.
 *
 * <p>Bad input raises a {@link dev.cosinerepro.datasets.DatasetException} whose message is one
 * sentence naming the file and the offending line or node.
 */
package dev.cosinerepro.datasets.hierarchy;
