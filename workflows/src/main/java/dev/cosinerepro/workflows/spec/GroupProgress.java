package dev.cosinerepro.workflows.spec;

/**
 * A group's standing within a reproduction.
 *
 * @param name the group's name
 * @param workflowId the group workflow's id (query it for its runs)
 * @param state {@link RunState#PENDING} (waiting, also for its source group's rate), {@link
 *     RunState#RUNNING}, {@link RunState#DONE} or {@link RunState#FAILED}
 * @param plannedEpochs epochs of a full grid over the group's rates and seeds
 * @param chosenLearningRate the chosen rate once the group is done, or {@code null}
 * @param bestAccuracy the chosen rate's mean best test accuracy, or {@code null}
 * @param finalAccuracy the chosen rate's mean final-epoch test accuracy, or {@code null}
 * @param message what went wrong, for failed runs; empty otherwise
 */
public record GroupProgress(
    String name,
    String workflowId,
    RunState state,
    long plannedEpochs,
    Double chosenLearningRate,
    Double bestAccuracy,
    Double finalAccuracy,
    String message) {

  /** This progress in another state. */
  public GroupProgress withState(RunState newState) {
    return new GroupProgress(
        name,
        workflowId,
        newState,
        plannedEpochs,
        chosenLearningRate,
        bestAccuracy,
        finalAccuracy,
        message);
  }
}
