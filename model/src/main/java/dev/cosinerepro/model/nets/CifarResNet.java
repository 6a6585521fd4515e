package dev.cosinerepro.model.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import java.util.Objects;

/**
 * The CIFAR ResNet family of He et al. (2016, section 4.2) as the paper's authors built it: depth
 * {@code 6n + 2}.
 *
 * <p>Layout: a 3x3 stem convolution with {@code w} filters, BatchNorm and ReLU; three stages of
 * {@code n} basic blocks with {@code w}, {@code 2w} and {@code 4w} filters, the first convolution
 * of stages 2 and 3 with stride 2; global average pooling; a dense layer with {@code outputs}
 * units. A basic block is {@code relu(bn(conv(relu(bn(conv(x))))) + shortcut(x))}. Shortcuts are
 * parameter-free (the reference's "option A"): a 2x2 average pool where the block downsamples, then
 * zero channels split evenly before and after the existing ones (the reference's {@code
 * ChannelPadding}). Convolutions have no bias (every one is followed by BatchNorm, which cancels a
 * bias); BatchNorm uses the given {@link BatchNormSettings}, by default the Keras values of the
 * reference.
 *
 * <p>The average pool uses ceiling mode, so any input of at least 8x8 works: a stride-2 3x3
 * convolution with padding 1 maps a side {@code s} to {@code ceil(s / 2)}, and so does the pool.
 *
 * <p>Trainable parameters with {@code c} input channels, width {@code w}, {@code n} blocks per
 * stage and {@code k} outputs: {@code 9 c w + 2 w} (stem) {@code + 9 w^2 (2n) + 2 w (2n)} (stage 1)
 * {@code + 9 (2w)(w) + 9 (2w)^2 (2n - 1) + 4 w (2n)} (stage 2) {@code + 9 (4w)(2w) + 9 (4w)^2 (2n -
 * 1) + 8 w (2n)} (stage 3) {@code + 4 w k + k} (dense).
 */
public final class CifarResNet {

  private CifarResNet() {}

  /**
   * Builds the network.
   *
   * @param blocksPerStage {@code n}, the number of basic blocks in each of the three stages (depth
   *     {@code 6n + 2})
   * @param baseWidth the filters of the stem and the first stage (16 for the usual net, 32 for the
   *     paper's 2x-wide CIFAR-100 net)
   * @param outputs the units of the final dense layer
   * @return an uninitialised block mapping {@code (N, C, H, W)} to {@code (N, outputs)}
   */
  public static Block build(int blocksPerStage, int baseWidth, int outputs) {
    return build(blocksPerStage, baseWidth, outputs, BatchNormSettings.KERAS);
  }

  /**
   * Builds the network with given BatchNorm settings.
   *
   * @param blocksPerStage {@code n}, the number of basic blocks in each of the three stages (depth
   *     {@code 6n + 2})
   * @param baseWidth the filters of the stem and the first stage
   * @param outputs the units of the final dense layer
   * @param batchNorm the momentum and epsilon of every BatchNorm layer
   * @return an uninitialised block mapping {@code (N, C, H, W)} to {@code (N, outputs)}
   */
  public static Block build(
      int blocksPerStage, int baseWidth, int outputs, BatchNormSettings batchNorm) {
    Objects.requireNonNull(batchNorm, "batchNorm");
    if (blocksPerStage < 1 || baseWidth < 1 || outputs < 1) {
      throw new IllegalArgumentException(
          "CifarResNet needs blocksPerStage, baseWidth and outputs of at least 1, got "
              + blocksPerStage
              + ", "
              + baseWidth
              + ", "
              + outputs
              + ".");
    }
    SequentialBlock net = new SequentialBlock();
    net.add(conv3x3(baseWidth, 1)).add(batchNorm.block()).add(Activation.reluBlock());
    int inFilters = baseWidth;
    for (int stage = 0; stage < 3; stage++) {
      int outFilters = baseWidth << stage;
      for (int block = 0; block < blocksPerStage; block++) {
        int stride = (stage > 0 && block == 0) ? 2 : 1;
        net.add(basicBlock(inFilters, outFilters, stride, batchNorm));
        inFilters = outFilters;
      }
    }
    return net.add(Pool.globalAvgPool2dBlock())
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(outputs).build());
  }

  /** One residual block: two 3x3 convolutions beside a parameter-free shortcut, added, ReLU. */
  static Block basicBlock(int inFilters, int outFilters, int stride, BatchNormSettings batchNorm) {
    SequentialBlock residual =
        new SequentialBlock()
            .add(conv3x3(outFilters, stride))
            .add(batchNorm.block())
            .add(Activation.reluBlock())
            .add(conv3x3(outFilters, 1))
            .add(batchNorm.block());
    return new ParallelBlock(
        branches ->
            new NDList(
                Activation.relu(
                    branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow()))),
        List.of(residual, shortcut(inFilters, outFilters, stride)));
  }

  /** 2x2 average pool where the block downsamples, then symmetric zero channel padding. */
  static Block shortcut(int inFilters, int outFilters, int stride) {
    if (outFilters < inFilters) {
      throw new IllegalArgumentException(
          "A parameter-free shortcut cannot reduce channels from "
              + inFilters
              + " to "
              + outFilters
              + ".");
    }
    SequentialBlock shortcut = new SequentialBlock();
    if (stride > 1) {
      shortcut.add(
          Pool.avgPool2dBlock(
              new Shape(stride, stride), new Shape(stride, stride), new Shape(0, 0), true, false));
    }
    int extra = outFilters - inFilters;
    if (extra > 0) {
      int before = extra / 2;
      int after = extra - before;
      shortcut.add(LambdaBlock.singleton(x -> padChannels(x, before, after), "ChannelPadding"));
    }
    if (stride == 1 && extra == 0) {
      shortcut.add(Blocks.identityBlock());
    }
    return shortcut;
  }

  /** Zero-pads axis 1 of an NCHW array with {@code before} channels in front and {@code after}. */
  static NDArray padChannels(NDArray x, int before, int after) {
    // Torch order, last axis first: (W left, W right, H top, H bottom, C before, C after).
    return x.pad(new Shape(0, 0, 0, 0, before, after), 0);
  }

  private static Conv2d conv3x3(int filters, int stride) {
    return Conv2d.builder()
        .setKernelShape(new Shape(3, 3))
        .setFilters(filters)
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(1, 1))
        .optBias(false)
        .build();
  }
}
