package dev.cosinerepro.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import dev.cosinerepro.model.nets.ParameterCounts;
import java.util.Locale;

/**
 * A human-readable description of a network: every layer with its output shape and parameter count,
 * the trainable parameter count, and memory estimates at a batch size.
 *
 * <p>Estimates (float32): parameters {@code 4 P} bytes; forward activations {@code 4 A} bytes with
 * {@code A} the summed output sizes of all layers at the batch size (what a training forward pass
 * keeps for backward); training about {@code 3 x 4 P} (weights, gradients, momentum) {@code + 2 x 4
 * A} (activations and their gradients). Real use adds the engine's workspace and allocator slack.
 */
public final class ModelSummary {

  private static final double MIB = 1024.0 * 1024.0;

  private ModelSummary() {}

  /**
   * Describes a network.
   *
   * @param arch one of {@link Architectures#names()}
   * @param classes the output units
   * @param channels image channels
   * @param height image height, at least {@link Architectures#minimumInputSide}
   * @param width image width, at least {@link Architectures#minimumInputSide}
   * @param batch the batch size for the activation estimate, at least 1
   * @return a multi-line table and totals
   */
  public static String describe(
      String arch, int classes, int channels, int height, int width, int batch) {
    int minSide = Architectures.minimumInputSide(arch);
    if (height < minSide || width < minSide) {
      throw new IllegalArgumentException(
          "height and width must be at least "
              + minSide
              + " for "
              + arch
              + ", got "
              + height
              + "x"
              + width
              + ".");
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1, got " + batch + ".");
    }
    Block network = Architectures.build(arch, classes, channels);
    Shape input = new Shape(batch, channels, height, width);
    try (NDManager manager = NDManager.newBaseManager()) {
      network.initialize(manager, DataType.FLOAT32, input);
      StringBuilder table = new StringBuilder();
      table.append(
          String.format(
              Locale.ROOT,
              "%s, %d outputs, input %dx%dx%d, batch %d%n",
              arch,
              classes,
              channels,
              height,
              width,
              batch));
      table.append(String.format(Locale.ROOT, "%-60s %-22s %12s%n", "layer", "output", "params"));
      long activations = walk(network, "", new Shape[] {input}, table);
      long trainable = ParameterCounts.trainable(network);
      long stored = ParameterCounts.all(network);
      double parameterMib = 4 * stored / MIB;
      double activationMib = 4 * activations / MIB;
      table.append(String.format(Locale.ROOT, "trainable parameters: %,d%n", trainable));
      table.append(
          String.format(
              Locale.ROOT,
              "parameter memory: %.1f MiB (%,d float32 values, BatchNorm statistics included)%n",
              parameterMib,
              stored));
      table.append(
          String.format(
              Locale.ROOT,
              "forward activations at batch %d: %.1f MiB (%,d float32 values)%n",
              batch,
              activationMib,
              activations));
      table.append(
          String.format(
              Locale.ROOT,
              "training estimate: %.1f MiB (3 x parameters + 2 x activations)%n",
              3 * parameterMib + 2 * activationMib));
      return table.toString();
    }
  }

  /** Appends the leaves under {@code block}; returns the summed output sizes of the leaves. */
  private static long walk(Block block, String path, Shape[] inputs, StringBuilder table) {
    boolean sequential = block instanceof SequentialBlock;
    boolean parallel = block instanceof ParallelBlock;
    if ((sequential || parallel) && !block.getChildren().isEmpty()) {
      long total = 0;
      Shape[] current = inputs;
      for (Pair<String, Block> child : block.getChildren()) {
        String childPath = path.isEmpty() ? child.getKey() : path + "/" + child.getKey();
        total += walk(child.getValue(), childPath, sequential ? current : inputs, table);
        if (sequential) {
          current = child.getValue().getOutputShapes(current);
        }
      }
      return total;
    }
    Shape[] outputs = block.getOutputShapes(inputs);
    long params = 0;
    for (Pair<String, Parameter> parameter : block.getParameters()) {
      if (parameter.getValue().requiresGradient()) {
        params += parameter.getValue().getArray().size();
      }
    }
    long size = 0;
    StringBuilder shapes = new StringBuilder();
    for (Shape output : outputs) {
      size += output.size();
      shapes.append(output);
    }
    table.append(String.format(Locale.ROOT, "%-60s %-22s %,12d%n", path, shapes, params));
    return size;
  }
}
