package dev.cosinerepro.workflows;

import java.util.List;

/**
 * Application failure types that activities raise for permanent problems. Retrying them cannot
 * help, so every activity stub lists them as non-retryable.
 */
public final class FailureTypes {
  /** A spec, dataset file, or other input is wrong; the message says which and what to do. */
  public static final String INVALID_INPUT = "InvalidInput";

  /** The training loss became NaN or infinite; the message names the epoch and step. */
  public static final String NON_FINITE_LOSS = "NonFiniteLoss";

  /** The object store refused the credentials. */
  public static final String STORAGE_ACCESS_DENIED = "StorageAccessDenied";

  /** All of the above. */
  public static final List<String> NON_RETRYABLE =
      List.of(INVALID_INPUT, NON_FINITE_LOSS, STORAGE_ACCESS_DENIED);

  private FailureTypes() {}
}
