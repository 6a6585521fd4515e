package dev.cosinerepro.workflows.spec;

/**
 * A class-embedding matrix in the object store.
 *
 * @param key the object key ({@code embeddings/<hash of the hierarchy>.bin})
 * @param classes rows
 * @param dimension columns
 */
public record EmbeddingRef(String key, int classes, int dimension) {}
