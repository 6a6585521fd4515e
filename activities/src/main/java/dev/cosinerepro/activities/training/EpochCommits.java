package dev.cosinerepro.activities.training;

import dev.cosinerepro.activities.ledger.RunRecord;
import dev.cosinerepro.datasets.io.FileTrees;
import dev.cosinerepro.workflows.spec.EpochRecord;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a chunk's epochs: on a GPU worker on a thread of its own, alongside training and
 * evaluation; on a CPU worker on the training thread, between epochs.
 *
 * <p>After epoch {@code e} is trained, {@link #checkpoint} writes the state to a scratch file on
 * the training thread (no other thread touches the trainer) and hands its upload over; evaluating
 * does not change that state, so when commits overlap, the upload runs while epoch {@code e} is
 * evaluated. {@link #commit} then hands over the epoch's metrics, the metrics log and the manifest,
 * which are stored while epoch {@code e + 1} trains. The hand-overs run one at a time, in order, so
 * the store sees exactly the sequence of {@link RunRecord.Chunk#commitEpoch(EpochRecord,
 * java.nio.file.Path)}: data, metrics, log, manifest, pruning. At most one epoch is in flight: the
 * next checkpoint waits for the previous epoch's commit, so scratch files and unstored epochs do
 * not pile up when the store is slower than training.
 *
 * <p>An epoch still counts as done exactly when its manifest exists. A worker killed while a commit
 * is in flight leaves the same store as one killed inside a synchronous commit: the next chunk
 * resumes from the latest manifest. After a failed hand-over nothing further is stored, and the
 * failure is thrown by the next {@link #checkpoint}, {@link #commit} or {@link #awaitAll}.
 *
 * <p><b>Why not on a CPU.</b> There libtorch's threads keep every core busy, and a thread that
 * takes one of them stalls all of them at their next barrier. Measured on the quick plan (2 cores,
 * the embedded store, 3 runs each, alternating): overlapped, the chunks' share outside training
 * fell from 3.2-4.1 % to 1.9-2.1 %, but training itself slowed by more than that, and the whole
 * plan took 158-170 s against 150-157 s (docs/benchmarks.md, "Orchestration"). On a GPU the cores
 * are the loaders', the upload of a 190 MB ResNet-50 checkpoint takes seconds, and overlapping it
 * is what keeps the device busy (not measured here: no GPU was at hand).
 */
final class EpochCommits implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EpochCommits.class);

  private final RunRecord.Chunk chunk;
  private final ExecutorService thread;
  private final Executor executor;
  private final AtomicReference<RunRecord.StagedCheckpoint> staged = new AtomicReference<>();
  private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);
  private CompletableFuture<Void> lastCommit = pending;
  private long waitedNanos;
  private boolean failureThrown;

  /**
   * Starts committing a chunk's epochs.
   *
   * @param chunk the chunk whose epochs are committed; only this object calls it from now on
   * @param runId the run, naming the committing thread
   * @param overlap whether commits run on a thread of their own, alongside training (GPU workers),
   *     or on the calling thread
   */
  EpochCommits(RunRecord.Chunk chunk, String runId, boolean overlap) {
    this.chunk = chunk;
    this.thread =
        overlap
            ? Executors.newSingleThreadExecutor(
                task -> {
                  Thread committing = new Thread(task, "commit-" + runId);
                  committing.setDaemon(true);
                  return committing;
                })
            : null;
    this.executor = overlap ? thread : Runnable::run;
  }

  /**
   * Writes the state after the epoch just trained and hands its upload over; first waits for the
   * previous epoch's commit.
   *
   * @param writer writes the state, for example {@code trainer::saveCheckpoint}
   */
  void checkpoint(RunRecord.CheckpointWriter writer) {
    long started = System.nanoTime();
    try {
      await(lastCommit);
      Path file = chunk.writeCheckpoint(writer);
      pending =
          pending.thenRunAsync(
              () -> {
                try {
                  staged.set(chunk.stageCheckpoint(file));
                } finally {
                  FileTrees.deleteQuietly(file);
                }
              },
              executor);
    } finally {
      waitedNanos += System.nanoTime() - started;
    }
  }

  /**
   * Hands over the rest of the epoch's commit: its metrics, the metrics log, the manifest and the
   * pruning, after the upload handed over by {@link #checkpoint}.
   *
   * @param epoch the epoch's metrics
   */
  void commit(EpochRecord epoch) {
    long started = System.nanoTime();
    try {
      if (pending.isCompletedExceptionally()) {
        await(pending);
      }
      pending =
          pending.thenRunAsync(() -> chunk.commitEpoch(epoch, staged.getAndSet(null)), executor);
      lastCommit = pending;
    } finally {
      waitedNanos += System.nanoTime() - started;
    }
  }

  /** Waits until everything handed over is stored, and throws the first failure. */
  void awaitAll() {
    long started = System.nanoTime();
    try {
      await(pending);
    } finally {
      waitedNanos += System.nanoTime() - started;
    }
  }

  /**
   * How long the training thread spent on commits: writing checkpoint files, and storing them or
   * waiting for the committing thread.
   */
  double waitSeconds() {
    return waitedNanos / 1e9;
  }

  /**
   * Lets what was handed over finish, even when the training thread is being interrupted (a worker
   * that stops keeps the epochs it has trained), then stops the thread. A failure no call has
   * thrown yet is logged, not thrown: it would hide the exception the chunk is ending with.
   */
  @Override
  public void close() {
    boolean interrupted = false;
    while (true) {
      try {
        pending.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        if (!failureThrown) {
          LOG.warn("A commit failed; the chunk resumes from the last complete checkpoint", e);
        }
        break;
      }
    }
    if (thread != null) {
      thread.shutdown();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void await(CompletableFuture<Void> future) {
    try {
      future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException(
          "The worker is stopping; the run resumes from its last checkpoint");
    } catch (ExecutionException e) {
      failureThrown = true;
      Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("A commit failed: " + cause, cause);
    }
  }
}
