package dev.cosinerepro.model.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The class embeddings {@code phi(c)} of the cosine objectives: one unit-norm row per class.
 *
 * <p>The default is one-hot ({@code phi(c) = e_c}, dimension = class count); hierarchy-based
 * embeddings come from elsewhere as a {@code float[C][d]} matrix.
 */
public final class ClassEmbeddings {

  /** How far a row's norm may be from 1 before the matrix is rejected. */
  public static final double NORM_TOLERANCE = 1e-4;

  private final float[][] rows;

  private ClassEmbeddings(float[][] rows) {
    this.rows = rows;
  }

  /**
   * One-hot embeddings: row {@code c} is the unit vector {@code e_c}.
   *
   * @param numClasses the class count, at least 1
   * @return the {@code numClasses x numClasses} identity
   */
  public static ClassEmbeddings oneHot(int numClasses) {
    if (numClasses < 1) {
      throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses + ".");
    }
    float[][] rows = new float[numClasses][numClasses];
    for (int c = 0; c < numClasses; c++) {
      rows[c][c] = 1f;
    }
    return new ClassEmbeddings(rows);
  }

  /**
   * Wraps (a copy of) a matrix of embeddings.
   *
   * @param rows {@code C} rows of equal length {@code d >= 1}, each of norm 1 within {@link
   *     #NORM_TOLERANCE}
   * @return the embeddings
   * @throws IllegalArgumentException if the matrix is empty, ragged, non-finite or not unit-norm
   */
  public static ClassEmbeddings of(float[][] rows) {
    if (rows == null || rows.length == 0 || rows[0] == null || rows[0].length == 0) {
      throw new IllegalArgumentException(
          "classEmbeddings must be a non-empty float[C][d] matrix with one row per class.");
    }
    int dim = rows[0].length;
    float[][] copy = new float[rows.length][];
    for (int c = 0; c < rows.length; c++) {
      if (rows[c] == null || rows[c].length != dim) {
        throw new IllegalArgumentException(
            "classEmbeddings row " + c + " does not have the " + dim + " entries of row 0.");
      }
      double squares = 0;
      for (float v : rows[c]) {
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException(
              "classEmbeddings row " + c + " holds a non-finite value.");
        }
        squares += (double) v * v;
      }
      if (Math.abs(Math.sqrt(squares) - 1) > NORM_TOLERANCE) {
        throw new IllegalArgumentException(
            "classEmbeddings row "
                + c
                + " has norm "
                + Math.sqrt(squares)
                + "; normalise every row to unit length.");
      }
      copy[c] = rows[c].clone();
    }
    return new ClassEmbeddings(copy);
  }

  /**
   * The class count {@code C}.
   *
   * @return the number of rows
   */
  public int numClasses() {
    return rows.length;
  }

  /**
   * The embedding dimension {@code d}, which is also the output size of the network for the cosine
   * objectives.
   *
   * @return the number of columns
   */
  public int dimension() {
    return rows[0].length;
  }

  /**
   * Copies the matrix into an array.
   *
   * @param manager where the array lives
   * @return a float32 {@code (C, d)} array
   */
  public NDArray toArray(NDManager manager) {
    return manager.create(rows);
  }

  /**
   * A short identity of the values: SHA-256 over the dimensions and the raw float bits.
   *
   * @return 16 hex digits
   */
  public String fingerprint() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      update(digest, rows.length);
      update(digest, dimension());
      for (float[] row : rows) {
        for (float v : row) {
          update(digest, Float.floatToRawIntBits(v));
        }
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM.", e);
    }
  }

  /**
   * Whether these are the one-hot embeddings.
   *
   * @return true for the identity matrix
   */
  public boolean isOneHot() {
    if (rows.length != dimension()) {
      return false;
    }
    for (int c = 0; c < rows.length; c++) {
      for (int j = 0; j < rows.length; j++) {
        if (rows[c][j] != (c == j ? 1f : 0f)) {
          return false;
        }
      }
    }
    return true;
  }

  private static void update(MessageDigest digest, int value) {
    digest.update(
        new byte[] {
          (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
        });
  }
}
