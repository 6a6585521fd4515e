package dev.cosinerepro.model.train;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns PyTorch's autograd recording off on the current thread until {@link #close()}, like {@code
 * with torch.no_grad():}.
 *
 * <p>Needed because the grad mode is per thread: DJL switches it off only on the thread that
 * started the engine, so on any other thread (a worker pool's, for example) an inference pass would
 * record a graph and an in-place parameter update would fail with "a leaf Variable that requires
 * grad is being used in an in-place operation". Scopes nest: closing restores the previous mode.
 */
public final class GradientsOff implements AutoCloseable {

  private final boolean previous;

  private GradientsOff() {
    this.previous = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
  }

  /**
   * Enters a scope without gradient recording.
   *
   * @return the scope; close it (try-with-resources) to restore the previous mode
   */
  public static GradientsOff enter() {
    return new GradientsOff();
  }

  /** Restores the grad mode that was active before {@link #enter()}. */
  @Override
  public void close() {
    JniUtils.setGradMode(previous);
  }
}
