package dev.cosinerepro.workflows.spec;

import static dev.cosinerepro.workflows.spec.RecipeFields.between;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;

/**
 * The SGDR schedule: {@code cycles} cosine cycles, the first {@code baseEpochs} long, each next one
 * {@code multiplier} times longer; within a cycle the rate falls from the maximum to the minimum.
 * The paper: 5 cycles of 12 base epochs, doubling: 12 + 24 + 48 + 96 + 192 = 372 epochs.
 *
 * @param cycles number of cycles; default 5
 * @param baseEpochs length of the first cycle; default 12
 * @param multiplier growth of the cycle length; default 2
 * @param perStep whether the rate follows the cosine within an epoch (per step) instead of once per
 *     epoch as the authors' callback; default false
 */
public record ScheduleRecipe(
    Integer cycles, Integer baseEpochs, Integer multiplier, Boolean perStep) {

  /** The most epochs one run may last. */
  public static final int MAX_EPOCHS = 100_000;

  /** The authors' schedule. */
  public static final ScheduleRecipe PAPER = new ScheduleRecipe(null, null, null, null);

  /** Validates the fields, fills in the defaults and bounds the length. */
  public ScheduleRecipe {
    cycles = between(cycles, 5, 1, 20, "schedule.cycles");
    baseEpochs = between(baseEpochs, 12, 1, MAX_EPOCHS, "schedule.baseEpochs");
    multiplier = between(multiplier, 2, 1, 10, "schedule.multiplier");
    perStep = perStep != null && perStep;
    long total = 0;
    long length = baseEpochs;
    for (int cycle = 0; cycle < cycles && total <= MAX_EPOCHS; cycle++) {
      total += length; // stops once past the bound, so neither total nor length can overflow
      length *= multiplier;
    }
    if (total > MAX_EPOCHS) {
      throw RecipeFields.invalid(
          "schedule",
          cycles
              + " cycles of "
              + baseEpochs
              + " base epochs x"
              + multiplier
              + " = more than "
              + MAX_EPOCHS
              + " epochs",
          "at most " + MAX_EPOCHS + " epochs in all");
    }
  }

  /** The SGDR schedule of {@code cycles} doubling cycles starting at {@code baseEpochs}. */
  public static ScheduleRecipe sgdr(int cycles, int baseEpochs) {
    return new ScheduleRecipe(cycles, baseEpochs, null, null);
  }

  /** The epoch counts at which the cycles end: base, base (1 + m), ... */
  @JsonIgnore
  public List<Integer> cycleEnds() {
    List<Integer> ends = new ArrayList<>();
    int end = 0;
    int length = baseEpochs;
    for (int cycle = 0; cycle < cycles; cycle++) {
      end += length;
      ends.add(end);
      length *= multiplier;
    }
    return ends;
  }

  /** The total number of epochs. */
  @JsonIgnore
  public int totalEpochs() {
    List<Integer> ends = cycleEnds();
    return ends.get(ends.size() - 1);
  }

  boolean isPaperDefault() {
    return multiplier == 2 && !perStep;
  }
}
