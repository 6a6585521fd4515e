package dev.cosinerepro.model;

import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.cosinerepro.model.nets.BatchNormSettings;
import dev.cosinerepro.model.nets.CifarResNet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The networks of the reproduction, by name.
 *
 * <ul>
 *   <li>{@code resnet8}, {@code resnet20}, {@code resnet32}, {@code resnet56}, {@code resnet110}:
 *       the CIFAR family of depth {@code 6n + 2} ({@code n} = 1, 3, 5, 9, 18) with 16/32/64 filters
 *       and parameter-free shortcuts ({@link CifarResNet}).
 *   <li>the same names with the suffix {@code -wide}: twice the width, 32/64/128 filters; {@code
 *       resnet110-wide} is the paper's CIFAR-100 network.
 *   <li>{@code resnet50}: DJL's model-zoo {@link ResNetV1} with 50 layers in the ImageNet layout
 *       (7x7 stride-2 stem, max-pool, bottleneck blocks), the network of the 448x448 datasets.
 * </ul>
 *
 * <p>Every network ends in a dense layer with {@code outputs} units and accepts any input of at
 * least 8x8 pixels (resnet50: at least 32x32).
 *
 * <p>BatchNorm: the CIFAR family uses the given {@link BatchNormSettings} in every layer. {@code
 * resnet50} takes the momentum, but DJL's {@link ResNetV1} builder has no epsilon option and fixes
 * its own (1e-5 in most layers, 2e-5 in some), so {@code resnet50} accepts only the default epsilon
 * setting ({@link BatchNormSettings#DEFAULT_EPSILON}, which then stands for "DJL's epsilons") and
 * rejects any other; see {@link #requireSupported}. The softmax head of {@code cosine+xent} is
 * built by the reproduction and applies the settings on every backbone.
 */
public final class Architectures {

  private static final Map<String, Integer> CIFAR_BLOCKS_PER_STAGE =
      Map.of("resnet8", 1, "resnet20", 3, "resnet32", 5, "resnet56", 9, "resnet110", 18);
  private static final String WIDE_SUFFIX = "-wide";
  private static final String RESNET50 = "resnet50";

  private Architectures() {}

  /**
   * Builds an uninitialised network.
   *
   * @param name one of {@link #names()}
   * @param numClasses the units of the final dense layer (the class count, or the embedding
   *     dimension for the cosine objectives)
   * @param inputChannels the channels of the input images (1 for Fashion-MNIST, 3 for colour)
   * @return a block mapping {@code (N, inputChannels, H, W)} to {@code (N, numClasses)}
   * @throws IllegalArgumentException for an unknown name or a count below 1
   */
  public static Block build(String name, int numClasses, int inputChannels) {
    return build(name, numClasses, inputChannels, BatchNormSettings.KERAS);
  }

  /**
   * Builds an uninitialised network with given BatchNorm settings.
   *
   * @param name one of {@link #names()}
   * @param numClasses the units of the final dense layer
   * @param inputChannels the channels of the input images
   * @param batchNorm the momentum and epsilon of the BatchNorm layers
   * @return a block mapping {@code (N, inputChannels, H, W)} to {@code (N, numClasses)}
   * @throws IllegalArgumentException for an unknown name, a count below 1, or settings the network
   *     cannot apply ({@link #requireSupported})
   */
  public static Block build(
      String name, int numClasses, int inputChannels, BatchNormSettings batchNorm) {
    requireSupported(name, batchNorm);
    if (numClasses < 1) {
      throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses + ".");
    }
    if (inputChannels < 1) {
      throw new IllegalArgumentException(
          "inputChannels must be at least 1, got " + inputChannels + ".");
    }
    if (RESNET50.equals(name)) {
      return ResNetV1.builder()
          .setNumLayers(50)
          .setOutSize(numClasses)
          .optBatchNormMomentum((float) batchNorm.momentum())
          // The image shape only selects the ImageNet layout (stem chosen by height > 32).
          .setImageShape(new Shape(inputChannels, 224, 224))
          .build();
    }
    boolean wide = name.endsWith(WIDE_SUFFIX);
    String base = wide ? name.substring(0, name.length() - WIDE_SUFFIX.length()) : name;
    return CifarResNet.build(
        CIFAR_BLOCKS_PER_STAGE.get(base), wide ? 32 : 16, numClasses, batchNorm);
  }

  /**
   * The valid architecture names, sorted.
   *
   * @return an unmodifiable list
   */
  public static List<String> names() {
    List<String> names =
        CIFAR_BLOCKS_PER_STAGE.entrySet().stream()
            .sorted(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey)
            .toList();
    List<String> all = new ArrayList<>(names);
    names.forEach(n -> all.add(n + WIDE_SUFFIX));
    all.add(RESNET50);
    return Collections.unmodifiableList(all);
  }

  /**
   * Checks a name without building anything.
   *
   * @param name the architecture name
   * @throws IllegalArgumentException naming the valid values when {@code name} is unknown
   */
  public static void requireKnown(String name) {
    if (name == null || !names().contains(name)) {
      throw new IllegalArgumentException(
          "Unknown architecture '" + name + "'; valid names are " + names() + ".");
    }
  }

  /**
   * Checks that a network can apply BatchNorm settings, without building anything.
   *
   * @param name one of {@link #names()}
   * @param batchNorm the settings
   * @throws IllegalArgumentException for an unknown name, or a non-default epsilon for {@code
   *     resnet50} (DJL's ResNetV1 fixes its own epsilons)
   */
  public static void requireSupported(String name, BatchNormSettings batchNorm) {
    requireKnown(name);
    Objects.requireNonNull(batchNorm, "batchNorm");
    if (RESNET50.equals(name) && batchNorm.epsilon() != BatchNormSettings.DEFAULT_EPSILON) {
      throw new IllegalArgumentException(
          "resnet50 cannot use BatchNorm epsilon "
              + batchNorm.epsilon()
              + ": DJL's ResNetV1 fixes its own epsilons (1e-5 and 2e-5) and has no option for"
              + " them; keep the default "
              + BatchNormSettings.DEFAULT_EPSILON
              + " with resnet50.");
    }
  }

  /**
   * The smallest input side the named network accepts.
   *
   * @param name one of {@link #names()}
   * @return 8 for the CIFAR family, 32 for resnet50
   */
  public static int minimumInputSide(String name) {
    requireKnown(name);
    return RESNET50.equals(name) ? 32 : 8;
  }
}
