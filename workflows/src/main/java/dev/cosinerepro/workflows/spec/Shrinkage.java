package dev.cosinerepro.workflows.spec;

import java.util.List;

/**
 * How a rehearsal shrinks each run of a plan: the same groups, datasets, class embeddings,
 * objectives, rate-selection rules and dependencies, with every run small enough that the whole
 * plan runs through the real code in minutes.
 *
 * <p>Subset sizes shrink by rank: within a dataset, the plan's distinct images-per-class values
 * become 1, 2, 3, ... in their order, and the whole split (0) the next one, so every group keeps
 * its own subset and the figure its x order.
 *
 * @param architecture the network of every run, e.g. {@code resnet8}
 * @param imageSide the resize side of the file datasets' crop pipeline (same code as the paper's
 *     512)
 * @param inputSide the crop side of the file datasets' crop pipeline (the paper's 448)
 * @param cycles SGDR cycles of every run
 * @param baseEpochs epochs of each cycle (the multiplier becomes 1)
 * @param epochsPerChunk epochs per training activity, so that chunks, checkpoints and resumes run
 * @param ratesPerGroup rates kept of each grid: the largest and then evenly spaced ones
 * @param seedsPerGroup seeds kept of each group, the first ones
 * @param maxBatchSize the largest batch
 * @param maxSubsetRepeats the most repeats of a subset per epoch (at least 2 keeps repeats)
 */
public record Shrinkage(
    String architecture,
    int imageSide,
    int inputSide,
    int cycles,
    int baseEpochs,
    int epochsPerChunk,
    int ratesPerGroup,
    int seedsPerGroup,
    int maxBatchSize,
    int maxSubsetRepeats) {

  /** The rehearsal of {@code repro reproduce --rehearse}: minutes on a laptop. */
  public static final Shrinkage DEFAULT = new Shrinkage("resnet8", 20, 16, 2, 1, 1, 2, 1, 32, 2);

  /** Validates the sizes. */
  public Shrinkage {
    if (architecture == null || architecture.isBlank()) {
      throw new IllegalArgumentException("A rehearsal needs a network: name its architecture.");
    }
    for (int value :
        List.of(
            imageSide,
            inputSide,
            cycles,
            baseEpochs,
            epochsPerChunk,
            ratesPerGroup,
            seedsPerGroup,
            maxBatchSize,
            maxSubsetRepeats)) {
      if (value < 1) {
        throw new IllegalArgumentException(
            "A rehearsal size is " + value + ": every size of a rehearsal must be at least 1.");
      }
    }
    if (inputSide > imageSide) {
      throw new IllegalArgumentException(
          "A rehearsal's inputSide "
              + inputSide
              + " exceeds its imageSide "
              + imageSide
              + ": crop at most the resized image.");
    }
  }

  /** The schedule of every rehearsed run. */
  public ScheduleRecipe schedule() {
    return new ScheduleRecipe(cycles, baseEpochs, 1, false);
  }
}
