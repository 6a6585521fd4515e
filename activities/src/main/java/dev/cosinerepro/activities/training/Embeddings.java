package dev.cosinerepro.activities.training;

import dev.cosinerepro.datasets.hierarchy.EmbeddingMatrix;
import dev.cosinerepro.datasets.hierarchy.EmbeddingMethod;
import dev.cosinerepro.datasets.hierarchy.HierarchyRegistry;
import dev.cosinerepro.datasets.hierarchy.NamedHierarchy;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.workflows.spec.ObjectiveRecipe;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Class embeddings as object-store artifacts: {@code onehot}, or a named hierarchy's unit-sphere
 * embedding (the Cholesky factor of its similarity matrix, rows in label order), stored under a key
 * derived from the hierarchy's content so that training loads exactly the matrix the spec names.
 */
public final class Embeddings {
  private Embeddings() {}

  /** Every embedding name a plan may use: {@code onehot} and the named hierarchies. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    names.add(ObjectiveRecipe.ONE_HOT);
    names.addAll(HierarchyRegistry.names());
    return names;
  }

  /**
   * Computes the matrix of a hierarchy and stores it (write-once), after checking that the
   * hierarchy's classes are the dataset's in label order.
   *
   * @throws IllegalArgumentException when the classes differ, naming the first mismatch
   */
  public static EmbeddingMatrix store(
      ObjectStore store, Path dataHome, String name, List<String> datasetClasses) {
    NamedHierarchy named = HierarchyRegistry.byName(name, dataHome);
    named.requireClassesOf(datasetClasses);
    EmbeddingMatrix matrix =
        EmbeddingMatrix.compute(named.hierarchy(), EmbeddingMethod.UNIT_SPHERE);
    if (!store.exists(matrix.objectKey())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      matrix.write(out);
      store.putIfAbsent(matrix.objectKey(), out.toByteArray(), "application/octet-stream");
    }
    return matrix;
  }

  /** Reads a stored matrix as the trainer's float rows. */
  public static float[][] load(ObjectStore store, String key) {
    try (InputStream in = store.open(key)) {
      return EmbeddingMatrix.read(in, key).toFloat();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the class embeddings " + key, e);
    }
  }
}
