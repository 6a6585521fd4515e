package dev.cosinerepro.workflows.spec;

import java.util.List;

/**
 * Asks for the class-embedding matrix of a hierarchy, rows in the dataset's label order.
 *
 * @param embedding the hierarchy name, e.g. {@code cub-deep} or {@code wordnet:fashion-mnist}
 * @param dataset the dataset the rows must match
 * @param classNames the dataset's class names in label order
 */
public record EmbeddingRequest(String embedding, String dataset, List<String> classNames) {}
