package dev.cosinerepro.app.bench;

import dev.cosinerepro.model.MemoryFormat;
import java.util.List;

/**
 * A network workload: a training step or an evaluation batch of one architecture at one input size,
 * with the steps timed after the warm-up ones.
 *
 * @param name the item name ({@code train.<arch>} or {@code eval.<arch>})
 * @param training whether a full training step (else an evaluation batch) is timed
 * @param architecture the network, as {@code repro model} names it
 * @param side input height and width
 * @param channels input channels
 * @param classes output classes
 * @param batch images per step
 * @param steps timed steps
 * @param warmup untimed steps first
 * @param memoryFormat how each batch is laid out in memory, on both engines
 */
public record NetworkItem(
    String name,
    boolean training,
    String architecture,
    int side,
    int channels,
    int classes,
    int batch,
    int steps,
    int warmup,
    MemoryFormat memoryFormat) {

  /**
   * The workloads: ResNet-20 and ResNet-110-wide on CIFAR-sized inputs (batch 100 as the
   * paper's CIFAR runs; evaluation in batches of 500 as the pipeline), ResNet-50 at 448 pixels with
   * a small batch (8 for training, 16 for evaluation; the pipeline evaluates 448 images in batches
   * of at most 64).
   *
   * @param format how every item lays out its batches
   * @return the items, training first
   */
  public static List<NetworkItem> standard(MemoryFormat format) {
    return List.of(
        new NetworkItem("train.resnet20", true, "resnet20", 32, 3, 100, 100, 8, 2, format),
        new NetworkItem(
            "train.resnet110-wide", true, "resnet110-wide", 32, 3, 100, 100, 3, 1, format),
        new NetworkItem("train.resnet50", true, "resnet50", 448, 3, 200, 8, 3, 1, format),
        new NetworkItem("eval.resnet20", false, "resnet20", 32, 3, 100, 500, 4, 1, format),
        new NetworkItem(
            "eval.resnet110-wide", false, "resnet110-wide", 32, 3, 100, 500, 2, 1, format),
        new NetworkItem("eval.resnet50", false, "resnet50", 448, 3, 200, 16, 2, 1, format));
  }

  /**
   * The names of the {@link #standard} items, which do not depend on the memory format.
   *
   * @return the names, training first
   */
  public static List<String> names() {
    return standard(MemoryFormat.CONTIGUOUS).stream().map(NetworkItem::name).toList();
  }

  /**
   * The same workload with its step counts scaled (at least one timed step, warm-up kept).
   *
   * @param factor the multiplier of {@link #steps}
   * @return the scaled item
   */
  public NetworkItem scaled(double factor) {
    int scaled = Math.max(1, (int) Math.round(steps * factor));
    return new NetworkItem(
        name, training, architecture, side, channels, classes, batch, scaled, warmup, memoryFormat);
  }

  /**
   * The same workload without warm-up steps (for profiling steps right after the timed ones).
   *
   * @return the item with {@code warmup} 0
   */
  public NetworkItem withoutWarmup() {
    return new NetworkItem(
        name, training, architecture, side, channels, classes, batch, steps, 0, memoryFormat);
  }

  /** A shrunken copy for tests: tiny inputs and batches, one warm-up and two timed steps. */
  public NetworkItem tiny() {
    int tinySide = architecture.equals("resnet50") ? 32 : 8;
    return new NetworkItem(
        name, training, architecture, tinySide, channels, 10, 4, 2, 1, memoryFormat);
  }
}
