package dev.cosinerepro.model.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.SplittableRandom;

/**
 * Deterministic He-normal ("Kaiming normal") initialisation, the PyTorch/DJL-style alternative to
 * {@link GlorotInitializer}.
 *
 * <ul>
 *   <li>Kernels (convolution and dense weights): {@code N(0, std^2)}, not truncated, with {@code
 *       std = sqrt(2 / fan_in)}, {@code fan_in = in * k_h * k_w} for a kernel of shape {@code (out,
 *       in, k_h, k_w)} and {@code fan_in = in} for a dense kernel {@code (out, in)}. This is
 *       PyTorch's {@code kaiming_normal_(w, mode='fan_in', nonlinearity='relu')}, DJL's {@code
 *       XavierInitializer(RandomType.GAUSSIAN, FactorType.IN, 2)}, and He et al. (2015) eq. 10,
 *       which keeps the forward activations' variance through ReLU layers. (torchvision's ResNets
 *       use {@code mode='fan_out'} for convolutions, which preserves the backward variance instead;
 *       for the 3x3 convolutions of a stage the two agree, they differ only where the channel count
 *       changes. Keras's {@code he_normal} is the fan_in form too, but truncated at two standard
 *       deviations.)
 *   <li>Biases, BatchNorm beta and running mean: 0. BatchNorm gamma and running variance: 1 (as
 *       {@link GlorotInitializer}).
 * </ul>
 *
 * <p>Normal deviates come from the Box-Muller transform over the uniform doubles of a {@link
 * SplittableRandom} seeded from the run seed and the parameter's name (the same stream seed as
 * {@link GlorotInitializer}) and {@link StrictMath}, so values are fixed by (seed, name) on every
 * JDK and processor.
 */
public final class HeNormalInitializer {

  private HeNormalInitializer() {}

  /**
   * Overwrites every parameter of an initialised block.
   *
   * @param block a block after {@code initialize(..)}
   * @param seed the run seed
   * @throws IllegalStateException for a parameter type this initialiser does not know
   */
  public static void initialize(Block block, long seed) {
    ParameterFill.fill(block, seed, HeNormalInitializer::values);
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
    if (type != Parameter.Type.WEIGHT) {
      return GlorotInitializer.values(name, type, shape, seed);
    }
    float[] values = new float[Math.toIntExact(shape.size())];
    long receptive = shape.dimension() > 2 ? shape.slice(2).size() : 1;
    double fanIn = shape.get(1) * (double) receptive;
    double std = StrictMath.sqrt(2.0 / fanIn);
    SplittableRandom random = new SplittableRandom(GlorotInitializer.streamSeed(seed, name));
    for (int i = 0; i < values.length; i += 2) {
      // Box-Muller: two independent standard normals from two uniforms, u1 in (0, 1].
      double u1 = 1.0 - random.nextDouble();
      double u2 = random.nextDouble();
      double radius = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
      double angle = 2.0 * Math.PI * u2;
      values[i] = (float) (std * radius * StrictMath.cos(angle));
      if (i + 1 < values.length) {
        values[i + 1] = (float) (std * radius * StrictMath.sin(angle));
      }
    }
    return values;
  }
}
