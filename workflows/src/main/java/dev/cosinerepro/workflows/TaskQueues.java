package dev.cosinerepro.workflows;

import java.util.List;

/** The task queues a worker can serve. */
public final class TaskQueues {
  /**
   * Workflows and light activities: data preparation, the run ledger, reports. Any machine can
   * serve it.
   */
  public static final String CPU = "cpu";

  /** Training and evaluation: workers with an accelerator (or, for small plans, any CPU). */
  public static final String GPU = "gpu";

  /** Every queue, in the order a worker registers them. */
  public static final List<String> ALL = List.of(CPU, GPU);

  private TaskQueues() {}
}
