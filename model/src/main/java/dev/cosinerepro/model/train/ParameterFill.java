package dev.cosinerepro.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/** Overwrites every parameter of an initialised block with values computed from its name. */
final class ParameterFill {

  /** The initial values of one parameter, fixed by its name, role, shape and the run seed. */
  @FunctionalInterface
  interface Values {
    float[] of(String name, Parameter.Type type, Shape shape, long seed);
  }

  private ParameterFill() {}

  static void fill(Block block, long seed, Values values) {
    for (Pair<String, Parameter> entry : block.getParameters()) {
      Parameter parameter = entry.getValue();
      NDArray array = parameter.getArray();
      array.set(values.of(entry.getKey(), parameter.getType(), array.getShape(), seed));
    }
  }
}
