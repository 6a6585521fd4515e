package dev.cosinerepro.workflows.activity;

import dev.cosinerepro.workflows.spec.DataRequest;
import dev.cosinerepro.workflows.spec.EmbeddingRef;
import dev.cosinerepro.workflows.spec.EmbeddingRequest;
import dev.cosinerepro.workflows.spec.PreparedData;
import io.temporal.activity.ActivityInterface;

/** Data preparation. Runs on the cpu queue. */
@ActivityInterface
public interface DataActivities {

  /**
   * Finds (or downloads and verifies) the dataset, draws the seeded per-class subset and stores the
   * training subset and the test split as shards. Idempotent: shards already in the store are
   * reused.
   */
  PreparedData prepare(DataRequest request);

  /**
   * Computes (once) and stores the class-embedding matrix of a hierarchy under a key derived from
   * the hierarchy's content, after checking that its classes are the dataset's, in label order.
   */
  EmbeddingRef embedding(EmbeddingRequest request);
}
