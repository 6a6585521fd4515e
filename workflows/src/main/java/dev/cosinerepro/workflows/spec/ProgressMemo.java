package dev.cosinerepro.workflows.spec;

/**
 * Where the workflows publish their progress for readers that must not replay them: each workflow
 * upserts its memo under {@link #KEY} whenever its progress changes (the reproduction a {@link
 * PlanProgress}, a group a {@link GroupSummary}, a run a {@link RunProgress}), and a describe of
 * the workflow returns it from the service, without a query and so without the worker replaying the
 * history.
 *
 * <p>Workflows started by a build before this one have no memo; readers then fall back to the
 * progress queries. The memo updates are behind {@link #CHANGE_ID} so the histories of those
 * workflows still replay.
 */
public final class ProgressMemo {
  /** The memo key holding the progress. */
  public static final String KEY = "progress";

  /** The {@code Workflow.getVersion} change id of publishing progress in the memo. */
  public static final String CHANGE_ID = "progress-memo";

  private ProgressMemo() {}
}
