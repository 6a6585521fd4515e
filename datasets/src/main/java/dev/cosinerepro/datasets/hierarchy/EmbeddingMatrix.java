package dev.cosinerepro.datasets.hierarchy;

import dev.cosinerepro.datasets.DatasetException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Class embeddings as an artifact: an {@code n x k} matrix in double precision (row {@code i} is
 * the target of the class with label {@code i}), identified by a content {@link #key} of the
 * hierarchy and method that made it, so the object store can cache it and training can load it by
 * key.
 *
 * <p>Binary form ({@link #write}/{@link #read}, big-endian): the int {@code 0x43524531} ("CRE1"),
 * the key and the method id (modified UTF-8, as {@link DataOutputStream#writeUTF}), the ints {@code
 * n} and {@code k}, the {@code n*k} doubles row by row, and the CRC-32 (as a long) of all bytes
 * before it.
 */
public final class EmbeddingMatrix {
  /** Object-store prefix of embedding matrices: {@code embeddings/<key>.bin}. */
  public static final String KEY_PREFIX = "embeddings/";

  private static final int MAGIC = 0x43524531;
  private static final long MAX_ENTRIES = 100_000_000L;

  private final String key;
  private final EmbeddingMethod method;
  private final double[][] rows;

  private EmbeddingMatrix(String key, EmbeddingMethod method, double[][] rows) {
    this.key = key;
    this.method = method;
    this.rows = rows;
  }

  /**
   * Computes the embeddings of a hierarchy with their full dimension (the number of classes).
   *
   * @param method {@link EmbeddingMethod#UNIT_SPHERE} or {@link EmbeddingMethod#ONE_HOT} (the
   *     low-dimensional method needs {@link #compute(Hierarchy, EmbeddingMethod, int)})
   */
  public static EmbeddingMatrix compute(Hierarchy hierarchy, EmbeddingMethod method) {
    return compute(hierarchy, method, hierarchy.classCount());
  }

  /**
   * Computes the embeddings of a hierarchy.
   *
   * @param dimension the number of columns: must be the number of classes for {@link
   *     EmbeddingMethod#UNIT_SPHERE} and {@link EmbeddingMethod#ONE_HOT}, {@code 1..n} for {@link
   *     EmbeddingMethod#LOW_DIMENSIONAL}
   * @throws IllegalArgumentException if the dimension does not fit the method
   */
  public static EmbeddingMatrix compute(
      Hierarchy hierarchy, EmbeddingMethod method, int dimension) {
    int n = hierarchy.classCount();
    if (method != EmbeddingMethod.LOW_DIMENSIONAL && dimension != n) {
      throw new IllegalArgumentException(
          "The "
              + method
              + " embeddings of "
              + hierarchy.source()
              + " have "
              + n
              + " dimensions, not "
              + dimension
              + "; use the low-dim method for fewer.");
    }
    double[][] rows =
        switch (method) {
          case UNIT_SPHERE -> SemanticEmbeddings.unitSphere(hierarchy);
          case LOW_DIMENSIONAL -> SemanticEmbeddings.lowDimensional(hierarchy, dimension);
          case ONE_HOT -> SemanticEmbeddings.oneHot(n);
        };
    return new EmbeddingMatrix(key(hierarchy, method, dimension), method, rows);
  }

  /**
   * The content key of the embeddings of a hierarchy: the lower-case hex SHA-256 of the UTF-8 text
   *
   * <pre>
   * cosine-repro class embeddings v1
   * method METHOD-ID
   * dimension K
   * classes ID ID ...        (leaf ids in label order)
   * PARENT CHILD             (one line per edge, {@link Hierarchy#canonicalEdges()} order)
   * </pre>
   *
   * Node names do not enter the key; the same tree read from differently ordered files has the same
   * key.
   */
  public static String key(Hierarchy hierarchy, EmbeddingMethod method, int dimension) {
    StringBuilder text = new StringBuilder("cosine-repro class embeddings v1\n");
    text.append("method ").append(method.id()).append('\n');
    text.append("dimension ").append(dimension).append('\n');
    text.append("classes");
    for (int id : hierarchy.classes()) {
      text.append(' ').append(id);
    }
    text.append('\n');
    for (String edge : hierarchy.canonicalEdges()) {
      text.append(edge).append('\n');
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /** The content key (64 hex digits); see {@link #key(Hierarchy, EmbeddingMethod, int)}. */
  public String key() {
    return key;
  }

  /** The object-store key: {@code embeddings/<key>.bin}. */
  public String objectKey() {
    return KEY_PREFIX + key + ".bin";
  }

  /** The method that made the embeddings. */
  public EmbeddingMethod method() {
    return method;
  }

  /** The number of classes (rows). */
  public int classCount() {
    return rows.length;
  }

  /** The embedding dimension (columns). */
  public int dimension() {
    return rows[0].length;
  }

  /** A copy of the embedding of the class with label {@code label}. */
  public double[] row(int label) {
    return rows[label].clone();
  }

  /** A copy of the matrix, one row per class in label order. */
  public double[][] rows() {
    double[][] copy = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      copy[i] = rows[i].clone();
    }
    return copy;
  }

  /** The matrix in single precision, for training (DJL's float32 tensors). */
  public float[][] toFloat() {
    float[][] result = new float[rows.length][dimension()];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < rows[i].length; j++) {
        result[i][j] = (float) rows[i][j];
      }
    }
    return result;
  }

  /** Writes the binary form (see the class comment); the stream is flushed, not closed. */
  public void write(OutputStream out) {
    try {
      CheckedOutputStream checked = new CheckedOutputStream(out, new CRC32());
      DataOutputStream data = new DataOutputStream(new BufferedOutputStream(checked));
      data.writeInt(MAGIC);
      data.writeUTF(key);
      data.writeUTF(method.id());
      data.writeInt(rows.length);
      data.writeInt(dimension());
      for (double[] row : rows) {
        for (double value : row) {
          data.writeDouble(value);
        }
      }
      data.flush();
      long crc = checked.getChecksum().getValue();
      new DataOutputStream(out).writeLong(crc);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Writing the embedding matrix " + key + " failed", e);
    }
  }

  /**
   * Reads the binary form, checking magic number, sizes and checksum.
   *
   * @param in the stream (read to its end, not closed)
   * @param source its name, for messages
   * @throws DatasetException if the stream is not an intact embedding matrix
   */
  public static EmbeddingMatrix read(InputStream stream, String source) {
    try {
      InputStream in = new BufferedInputStream(stream);
      CheckedInputStream checked = new CheckedInputStream(in, new CRC32());
      DataInputStream data = new DataInputStream(checked);
      if (data.readInt() != MAGIC) {
        throw corrupt(source, "does not start with the embedding matrix magic number");
      }
      String key = data.readUTF();
      EmbeddingMethod method;
      try {
        method = EmbeddingMethod.byId(data.readUTF());
      } catch (IllegalArgumentException e) {
        throw corrupt(source, "names an unknown embedding method");
      }
      int n = data.readInt();
      int k = data.readInt();
      if (n < 1 || k < 1 || (long) n * k > MAX_ENTRIES) {
        throw corrupt(source, "declares an impossible size " + n + "x" + k);
      }
      double[][] rows = new double[n][k];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < k; j++) {
          rows[i][j] = data.readDouble();
        }
      }
      long expected = checked.getChecksum().getValue();
      long stored = new DataInputStream(in).readLong();
      if (stored != expected) {
        throw corrupt(source, "fails its CRC-32 check");
      }
      if (in.read() != -1) {
        throw corrupt(source, "has bytes after the matrix");
      }
      return new EmbeddingMatrix(key, method, rows);
    } catch (EOFException e) {
      throw corrupt(source, "is truncated");
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + source + " failed", e);
    }
  }

  private static DatasetException corrupt(String source, String problem) {
    return new DatasetException(
        source + " " + problem + "; it is no intact embedding matrix, so compute it again.");
  }

  /**
   * Writes the matrix as text: one line per class in label order, the values separated by single
   * spaces in Java's shortest round-trip form ({@link Double#toString}), so no precision is lost.
   */
  public void writeText(Writer out) {
    try {
      for (double[] row : rows) {
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < row.length; j++) {
          if (j > 0) {
            line.append(' ');
          }
          line.append(row[j]);
        }
        out.write(line.append('\n').toString());
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the matrix as a JSON object {@code {"name", "key", "method", "classes", "dimension",
   * "classNames", "rows"}}; {@code rows} is an array of arrays in label order with full double
   * precision.
   *
   * @param name the hierarchy's name
   * @param classNames the class names in label order
   */
  public void writeJson(Writer out, String name, List<String> classNames) {
    try {
      out.write("{\n  \"name\": " + jsonString(name) + ",\n");
      out.write("  \"key\": " + jsonString(key) + ",\n");
      out.write("  \"method\": " + jsonString(method.id()) + ",\n");
      out.write("  \"classes\": " + rows.length + ",\n");
      out.write("  \"dimension\": " + dimension() + ",\n");
      out.write("  \"classNames\": [");
      for (int i = 0; i < classNames.size(); i++) {
        out.write((i > 0 ? ", " : "") + jsonString(classNames.get(i)));
      }
      out.write("],\n  \"rows\": [\n");
      for (int i = 0; i < rows.length; i++) {
        StringBuilder line = new StringBuilder("    [");
        for (int j = 0; j < rows[i].length; j++) {
          if (j > 0) {
            line.append(", ");
          }
          line.append(rows[i][j]);
        }
        line.append(i + 1 < rows.length ? "],\n" : "]\n");
        out.write(line.toString());
      }
      out.write("  ]\n}\n");
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String jsonString(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EmbeddingMatrix m
        && m.key.equals(key)
        && m.method == method
        && Arrays.deepEquals(m.rows, rows);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  @Override
  public String toString() {
    return method + " embeddings " + rows.length + "x" + dimension() + " (" + key + ")";
  }
}
