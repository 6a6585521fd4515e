package dev.cosinerepro.model.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic parameter initialisation with the reference's (Keras) defaults, independent of the
 * engine's global random state and of thread scheduling.
 *
 * <ul>
 *   <li>Kernels (convolution and dense weights): Glorot-uniform, {@code U(-a, a)} with {@code a =
 *       sqrt(6 / (fan_in + fan_out))}, {@code fan_in = in * k_h * k_w}, {@code fan_out = out * k_h
 *       * k_w} for a kernel of shape {@code (out, in, k_h, k_w)} ({@code (out, in)} for dense).
 *   <li>Biases, BatchNorm beta and running mean: 0. BatchNorm gamma and running variance: 1.
 * </ul>
 *
 * <p>Each parameter draws from its own {@link SplittableRandom} seeded from the run seed and the
 * parameter's name, so adding a head does not change the backbone's initial values.
 */
public final class GlorotInitializer {

  private GlorotInitializer() {}

  /**
   * Overwrites every parameter of an initialised block.
   *
   * @param block a block after {@code initialize(..)}
   * @param seed the run seed
   * @throws IllegalStateException for a parameter type this initialiser does not know
   */
  public static void initialize(Block block, long seed) {
    ParameterFill.fill(block, seed, GlorotInitializer::values);
  }

  /**
   * The initial values of one parameter.
   *
   * @param name the parameter's name (part of its random stream's seed)
   * @param type the parameter's role
   * @param shape the parameter's shape
   * @param seed the run seed
   * @return the values in row-major order
   */
  public static float[] values(String name, Parameter.Type type, Shape shape, long seed) {
    float[] values = new float[Math.toIntExact(shape.size())];
    switch (type) {
      case WEIGHT -> {
        long receptive = shape.dimension() > 2 ? shape.slice(2).size() : 1;
        double fanIn = shape.get(1) * (double) receptive;
        double fanOut = shape.get(0) * (double) receptive;
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        SplittableRandom random = new SplittableRandom(streamSeed(seed, name));
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) ((2 * random.nextDouble() - 1) * limit);
        }
      }
      case GAMMA, RUNNING_VAR -> java.util.Arrays.fill(values, 1f);
      case BIAS, BETA, RUNNING_MEAN -> {
        // zeros
      }
      default ->
          throw new IllegalStateException(
              "No initial values defined for parameter " + name + " of type " + type + ".");
    }
    return values;
  }

  /** The seed of one parameter's random stream: the run seed mixed with a hash of the name. */
  static long streamSeed(long seed, String name) {
    long h = 1125899906842597L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + b;
    }
    return seed * 0x9E3779B97F4A7C15L ^ h;
  }
}
