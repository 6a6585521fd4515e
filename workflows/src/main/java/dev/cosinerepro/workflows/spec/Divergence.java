package dev.cosinerepro.workflows.spec;

/**
 * Where a run's loss became NaN or infinite. The epochs before it count: the run's result is the
 * best test accuracy over them, as the authors' selection counts every epoch it saw, and the result
 * is marked diverged.
 *
 * @param epoch the 0-based epoch in which the loss diverged; epochs {@code 0..epoch-1} are kept
 * @param step the step within that epoch
 * @param reason what was not finite, e.g. {@code the loss is NaN}
 */
public record Divergence(int epoch, int step, String reason) {}
