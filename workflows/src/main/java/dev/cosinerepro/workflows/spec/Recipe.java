package dev.cosinerepro.workflows.spec;

import java.util.List;

/**
 * What a group template and a run both say about training, read through the template's sections.
 * The shortcuts name the fields code reads most; everything else is in the sections.
 */
public interface Recipe {

  /** The recipe every field belongs to. */
  RunTemplate template();

  /** The dataset name. */
  default String dataset() {
    return template().data().dataset();
  }

  /** Images per class, 0 for the whole training split. */
  default int samplesPerClass() {
    return template().data().samplesPerClass();
  }

  /** How often the subset is repeated per epoch. */
  default int subsetRepeats() {
    return template().data().subsetRepeats();
  }

  /**
   * How the repeats of the subset are shuffled: {@link DataRecipe#PER_REPEAT} or {@link
   * DataRecipe#JOINT} (always, in recipe version 1).
   */
  default String repeatShuffle() {
    return template().data().effectiveRepeatShuffle();
  }

  /** The augmentation policy name. */
  default String augmentation() {
    return template().data().augmentation();
  }

  /** The network name. */
  default String architecture() {
    return template().network().architecture();
  }

  /** The loss name. */
  default String loss() {
    return template().objective().loss();
  }

  /** The class embedding name ({@link ObjectiveRecipe#ONE_HOT} or a hierarchy). */
  default String embedding() {
    return template().objective().embedding();
  }

  /** The training batch size. */
  default int batchSize() {
    return template().optimizer().batchSize();
  }

  /** Evaluate every this many epochs (and at every cycle end). */
  default int evalEvery() {
    return template().evaluation().every();
  }

  /** The total number of epochs. */
  default int totalEpochs() {
    return template().schedule().totalEpochs();
  }

  /** The epoch counts at which SGDR cycles end. */
  default List<Integer> cycleEnds() {
    return template().schedule().cycleEnds();
  }
}
