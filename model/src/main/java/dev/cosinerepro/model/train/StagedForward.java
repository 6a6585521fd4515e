package dev.cosinerepro.model.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * A forward pass without gradients that frees each stage's intermediate arrays as soon as the next
 * stage has its input, as PyTorch frees a tensor when its last reference goes.
 *
 * <p>Under DJL every array an operator makes belongs to the manager of its first operand, so a
 * plain {@code network.forward} keeps every activation of the pass alive until the caller closes
 * its manager: evaluating ResNet-50 on a batch of 16 images of 448 pixels holds several GiB of
 * activations where PyTorch holds a few of them at a time. Here the network is cut into its stages
 * (the children of its {@link SequentialBlock}s, nested ones flattened: for the ResNets every stem
 * layer and every residual unit), each stage runs under a sub-manager of its own, its output moves
 * to the caller's manager and the sub-manager closes with the stage's input and intermediates. The
 * arithmetic is that of {@code network.forward}, operator for operator; only the time at which
 * memory is freed changes.
 *
 * <p>For passes without gradient recording only (inference, or BatchNorm statistics in training
 * mode): with autograd on, the graph still needs the freed intermediates.
 */
public final class StagedForward {

  private final List<Block> stages;

  /**
   * Cuts a network into its stages once, for every pass after.
   *
   * @param network the network (a {@link SequentialBlock} is cut into stages; any other block runs
   *     as one stage)
   */
  public StagedForward(Block network) {
    List<Block> leaves = new ArrayList<>();
    collect(network, leaves);
    this.stages = List.copyOf(leaves);
  }

  /**
   * Runs the network on {@code input} stage by stage.
   *
   * @param parameters the parameter store the network runs with
   * @param input the input, attached to {@code scratch}; kept open
   * @param training whether the layers run in training mode (BatchNorm on batch statistics)
   * @param scratch the caller's manager; the output is attached to it
   * @return the network's output
   */
  public NDList forward(
      ParameterStore parameters, NDList input, boolean training, NDManager scratch) {
    NDList current = input;
    for (Block stage : stages) {
      try (NDManager local = scratch.newSubManager()) {
        if (current == input) {
          // The caller's input goes back to its manager when the stage's closes.
          current.tempAttach(local);
        } else {
          // The previous stage's output is freed with this stage's intermediates.
          current.attach(local);
        }
        NDList next = stage.forward(parameters, current, training);
        next.attach(scratch);
        current = next;
      }
    }
    return current;
  }

  /**
   * The stages: the leaves of the network's tree of {@link SequentialBlock}s, in order.
   *
   * @return the blocks that run one after the other
   */
  List<Block> stages() {
    return stages;
  }

  private static void collect(Block block, List<Block> stages) {
    if (block instanceof SequentialBlock sequential) {
      for (Block child : sequential.getChildren().values()) {
        collect(child, stages);
      }
    } else {
      stages.add(block);
    }
  }
}
