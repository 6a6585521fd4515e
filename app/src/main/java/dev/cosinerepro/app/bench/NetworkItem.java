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
   * @return the items, training first
   */
  public static List<NetworkItem> standard() {
    return List.of(
        item("train.resnet20", true, "resnet20", 32, 100, 100, 8, 2),
        item("train.resnet110-wide", true, "resnet110-wide", 32, 100, 100, 3, 1),
        item("train.resnet50", true, "resnet50", 448, 200, 8, 3, 1),
        item("eval.resnet20", false, "resnet20", 32, 100, 500, 4, 1),
        item("eval.resnet110-wide", false, "resnet110-wide", 32, 100, 500, 2, 1),
        item("eval.resnet50", false, "resnet50", 448, 200, 16, 2, 1));
  }

  /** A 3-channel item, batches channels-last. */
  private static NetworkItem item(
      String name,
      boolean training,
      String architecture,
      int side,
      int classes,
      int batch,
      int steps,
      int warmup) {
    return new NetworkItem(
        name,
        training,
        architecture,
        side,
        3,
        classes,
        batch,
        steps,
        warmup,
        MemoryFormat.CHANNELS_LAST);
  }

  /**
   * The same workload with batches in another memory format.
   *
   * @param format the layout
   * @return the item with that format
   */
  public NetworkItem withMemoryFormat(MemoryFormat format) {
    return new NetworkItem(
        name, training, architecture, side, channels, classes, batch, steps, warmup, format);
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
