package dev.cosinerepro.datasets.batch;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.sampling.SeededRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The image order of an epoch for the {@link BatchLoader}: the source repeated {@code repeats}
 * times, shuffled by a generator seeded by {@code (seed, epoch)}.
 */
final class EpochOrder {
  private static final long SHUFFLE_STREAM = 0x5348554646L;

  private EpochOrder() {}

  /**
   * The training order of an epoch.
   *
   * @throws DatasetException for a negative epoch
   */
  static int[] shuffled(int size, int repeats, long seed, int epoch) {
    if (epoch < 0) {
      throw new DatasetException("Epoch " + epoch + " is negative; count epochs from 0.");
    }
    int[] order = new int[Math.multiplyExact(size, repeats)];
    for (int i = 0; i < order.length; i++) {
      order[i] = i % size;
    }
    SeededRandom.derive(SHUFFLE_STREAM, seed, epoch).shuffle(order);
    return order;
  }

  /** Every image once, in order (evaluation). */
  static int[] sequential(int size) {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    return order;
  }

  /** A cached pool of daemon threads that prepare batches ahead of the trainer. */
  static ExecutorService daemonPool(String threadName) {
    return Executors.newCachedThreadPool(
        task -> {
          Thread thread = new Thread(task, threadName);
          thread.setDaemon(true);
          return thread;
        });
  }
}
