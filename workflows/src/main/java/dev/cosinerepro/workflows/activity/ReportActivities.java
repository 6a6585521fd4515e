package dev.cosinerepro.workflows.activity;

import dev.cosinerepro.workflows.spec.ReportRef;
import dev.cosinerepro.workflows.spec.ReportRequest;
import io.temporal.activity.ActivityInterface;

/** Reports. Runs on the cpu queue. */
@ActivityInterface
public interface ReportActivities {

  /**
   * Writes the results table of a reproduction (Markdown, CSV, JSON) from the results in the store.
   */
  ReportRef write(ReportRequest request);
}
