package dev.cosinerepro.model;

import ai.djl.nn.Block;
import dev.cosinerepro.model.train.GlorotInitializer;
import dev.cosinerepro.model.train.HeNormalInitializer;
import java.util.Arrays;
import java.util.List;

/**
 * How kernels are initialised, by their names in configs. Both draw each parameter from its own
 * random stream seeded by (run seed, parameter name); biases and BatchNorm beta start at 0, gamma
 * at 1.
 */
public enum Initialization {
  /**
   * {@code glorot-uniform}: Keras's default, {@code U(-a, a)} with {@code a = sqrt(6 / (fan_in +
   * fan_out))} ({@link GlorotInitializer}); the reference's and the default.
   */
  GLOROT_UNIFORM("glorot-uniform"),
  /**
   * {@code he-normal}: PyTorch/DJL style Kaiming normal, {@code N(0, 2 / fan_in)} for convolution
   * and dense kernels ({@link HeNormalInitializer}).
   */
  HE_NORMAL("he-normal");

  private final String id;

  Initialization(String id) {
    this.id = id;
  }

  /**
   * The name in configs.
   *
   * @return for example {@code he-normal}
   */
  public String id() {
    return id;
  }

  /**
   * All names.
   *
   * @return the ids in declaration order
   */
  public static List<String> names() {
    return Arrays.stream(values()).map(Initialization::id).toList();
  }

  /**
   * Looks an initialisation up by name.
   *
   * @param id one of {@link #names()}
   * @return the initialisation
   * @throws IllegalArgumentException naming the valid values
   */
  public static Initialization fromId(String id) {
    for (Initialization value : values()) {
      if (value.id.equals(id)) {
        return value;
      }
    }
    throw new IllegalArgumentException(
        "Unknown initialization '" + id + "'; valid names are " + names() + ".");
  }

  /**
   * Overwrites every parameter of an initialised block.
   *
   * @param block a block after {@code initialize(..)}
   * @param seed the run seed
   */
  public void initialize(Block block, long seed) {
    switch (this) {
      case GLOROT_UNIFORM -> GlorotInitializer.initialize(block, seed);
      case HE_NORMAL -> HeNormalInitializer.initialize(block, seed);
    }
  }
}
