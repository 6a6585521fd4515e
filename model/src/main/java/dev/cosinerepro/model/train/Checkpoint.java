package dev.cosinerepro.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The resumable state of a training run and its binary format.
 *
 * <p>Layout (big-endian {@link DataOutputStream} primitives; array data little-endian float32):
 *
 * <pre>
 *   int    MAGIC, int VERSION
 *   UTF    config canonical form
 *   int    completed epochs, long completed steps, long seed
 *   int    P, then P x tensor   (parameters by name, BatchNorm running statistics included)
 *   int    V, then V x tensor   (momentum buffers by parameter name)
 *   int    END_MAGIC
 *   tensor = UTF name, int rank, rank x long dim, size x float32
 * </pre>
 *
 * <p>The trainer draws no random numbers after initialisation, so the seed and the step count are
 * its whole random state.
 *
 * @param configForm {@code TrainerConfig.canonicalForm()} of the run
 * @param completedEpochs epochs fully trained
 * @param completedSteps updates applied since the start of the run
 * @param seed the initialisation seed
 * @param parameters values by parameter name, in network order
 * @param velocities momentum buffers by parameter name
 */
public record Checkpoint(
    String configForm,
    int completedEpochs,
    long completedSteps,
    long seed,
    Map<String, Tensor> parameters,
    Map<String, Tensor> velocities) {

  /** "CRCK": marks a cosine-repro checkpoint. */
  public static final int MAGIC = 0x4352434B;

  /** The format version written. */
  public static final int VERSION = 1;

  /** Closes the file; a missing end marker means a truncated checkpoint. */
  public static final int END_MAGIC = 0x454E4421;

  /**
   * A float32 array by shape and values.
   *
   * @param shape the dimensions
   * @param values row-major values
   */
  public record Tensor(long[] shape, float[] values) {

    /**
     * The shape as a DJL shape.
     *
     * @return the shape
     */
    public Shape djlShape() {
      return new Shape(shape);
    }
  }

  /**
   * Streams the state of a run without first copying all arrays to the heap.
   *
   * @param out the stream; flushed, not closed
   * @param configForm the config's canonical form
   * @param completedEpochs epochs fully trained
   * @param completedSteps updates applied
   * @param seed the initialisation seed
   * @param parameters parameter arrays by name
   * @param velocities momentum buffers by name
   * @throws IOException when writing fails
   */
  public static void write(
      OutputStream out,
      String configForm,
      int completedEpochs,
      long completedSteps,
      long seed,
      Map<String, NDArray> parameters,
      Map<String, NDArray> velocities)
      throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(MAGIC);
    data.writeInt(VERSION);
    data.writeUTF(configForm);
    data.writeInt(completedEpochs);
    data.writeLong(completedSteps);
    data.writeLong(seed);
    writeArrays(data, parameters);
    writeArrays(data, velocities);
    data.writeInt(END_MAGIC);
    data.flush();
  }

  /**
   * Reads a whole checkpoint.
   *
   * @param in the stream; not closed
   * @return the state
   * @throws IOException when the stream is not a complete checkpoint of a known version
   */
  public static Checkpoint read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    if (data.readInt() != MAGIC) {
      throw new IOException("The stream is not a cosine-repro checkpoint (wrong magic number).");
    }
    int version = data.readInt();
    if (version != VERSION) {
      throw new IOException(
          "Checkpoint format version "
              + version
              + " is not supported; this build reads "
              + VERSION
              + ".");
    }
    String configForm = data.readUTF();
    int epochs = data.readInt();
    long steps = data.readLong();
    long seed = data.readLong();
    Map<String, Tensor> parameters = readTensors(data);
    Map<String, Tensor> velocities = readTensors(data);
    if (data.readInt() != END_MAGIC) {
      throw new IOException("The checkpoint is damaged: its end marker is missing.");
    }
    return new Checkpoint(configForm, epochs, steps, seed, parameters, velocities);
  }

  private static void writeArrays(DataOutputStream data, Map<String, NDArray> arrays)
      throws IOException {
    data.writeInt(arrays.size());
    for (Map.Entry<String, NDArray> entry : arrays.entrySet()) {
      NDArray array = entry.getValue();
      if (array.getDataType() != DataType.FLOAT32) {
        throw new IOException(
            "Only float32 arrays can be checkpointed; "
                + entry.getKey()
                + " is "
                + array.getDataType()
                + ".");
      }
      data.writeUTF(entry.getKey());
      long[] shape = array.getShape().getShape();
      data.writeInt(shape.length);
      for (long dim : shape) {
        data.writeLong(dim);
      }
      float[] values = array.toFloatArray();
      ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES);
      bytes.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
      data.write(bytes.array());
    }
  }

  private static Map<String, Tensor> readTensors(DataInputStream data) throws IOException {
    int count = data.readInt();
    if (count < 0) {
      throw new IOException("The checkpoint is damaged: negative array count " + count + ".");
    }
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String name = data.readUTF();
      int rank = data.readInt();
      if (rank < 0 || rank > 8) {
        throw new IOException("The checkpoint is damaged: array " + name + " has rank " + rank);
      }
      long[] shape = new long[rank];
      long size = 1;
      for (int d = 0; d < rank; d++) {
        shape[d] = data.readLong();
        size = Math.multiplyExact(size, shape[d]);
      }
      if (size < 0 || size > Integer.MAX_VALUE / Float.BYTES) {
        throw new IOException("The checkpoint is damaged: array " + name + " has size " + size);
      }
      byte[] bytes = new byte[(int) size * Float.BYTES];
      data.readFully(bytes);
      float[] values = new float[(int) size];
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
      tensors.put(name, new Tensor(shape, values));
    }
    return tensors;
  }
}
