package dev.cosinerepro.model.train;

import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;

/**
 * Records every libtorch operator that runs on the current thread (and in the autograd passes it
 * starts) while some work runs, with libtorch's own profiler: the legacy autograd profiler that
 * {@code torch.autograd.profiler.profile(use_kineto=False)} also uses, so a trace of this code and
 * one of a PyTorch script are measured the same way and can be compared operator by operator.
 *
 * <p>The trace is a Chrome trace: a JSON array of complete events ({@code "ph": "X"}) with the
 * operator's name, its start {@code ts} and duration {@code dur} in microseconds and its thread
 * {@code tid}; an operator's duration includes the operators it calls.
 */
public final class OperatorTrace {
  private OperatorTrace() {}

  /**
   * Runs {@code work} with libtorch's profiler on and writes the trace.
   *
   * @param trace the file the Chrome trace is written to (replaced if present)
   * @param work the work to record
   * @throws IllegalStateException when libtorch's profiler is already on in this thread
   */
  public static void record(Path trace, Runnable work) {
    JniUtils.startProfile(false, false, false);
    try {
      work.run();
    } finally {
      JniUtils.stopProfile(trace.toAbsolutePath().toString());
    }
  }
}
