package dev.cosinerepro.model.nets;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.cosinerepro.model.loss.CosineLoss;
import java.util.List;

/**
 * The softmax classifier of the cosine + cross-entropy objective, stacked on the L2-normalised
 * embedding as in the reference: {@code logits = Dense_C(BN(ReLU(f / ||f||)))}.
 *
 * <p>{@link #attach} returns a network whose output list is {@code (f, logits)}: the raw embedding
 * for the cosine loss and the logits for the cross-entropy term and the prediction.
 */
public final class SoftmaxHead {

  private SoftmaxHead() {}

  /**
   * The head alone: L2 normalisation, ReLU, BatchNorm, Dense(numClasses).
   *
   * @param numClasses the units of the dense layer
   * @return an uninitialised block mapping {@code (N, d)} to {@code (N, numClasses)}
   */
  public static Block build(int numClasses) {
    return build(numClasses, BatchNormSettings.KERAS);
  }

  /**
   * The head alone with given BatchNorm settings.
   *
   * @param numClasses the units of the dense layer
   * @param batchNorm the momentum and epsilon of the head's BatchNorm
   * @return an uninitialised block mapping {@code (N, d)} to {@code (N, numClasses)}
   */
  public static Block build(int numClasses, BatchNormSettings batchNorm) {
    return new SequentialBlock()
        .add(LambdaBlock.singleton(CosineLoss::l2Normalise, "L2Normalise"))
        .add(Activation.reluBlock())
        .add(batchNorm.block())
        .add(Linear.builder().setUnits(numClasses).build());
  }

  /**
   * Stacks a head beside the identity on top of a backbone.
   *
   * @param backbone the network producing the embedding {@code f}
   * @param head a block from {@link #build}
   * @return a block whose output list is {@code (f, logits)}
   */
  public static Block attach(Block backbone, Block head) {
    ParallelBlock outputs =
        new ParallelBlock(
            branches ->
                new NDList(branches.get(0).singletonOrThrow(), branches.get(1).singletonOrThrow()),
            List.of(Blocks.identityBlock(), head));
    return new SequentialBlock().add(backbone).add(outputs);
  }
}
