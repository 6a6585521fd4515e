package dev.cosinerepro.datasets.batch;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.sampling.SeededRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The image order of an epoch for the {@link BatchLoader}: the source repeated {@code repeats}
 * times, shuffled by a generator seeded by {@code (seed, epoch)} — as a whole ({@link
 * RepeatShuffle#JOINT}) or each repeat on its own ({@link RepeatShuffle#PER_REPEAT}, repeat 0 drawn
 * as the whole order of one repeat would be, repeat r by {@code (seed, epoch, r)}).
 */
final class EpochOrder {
  private static final long SHUFFLE_STREAM = 0x5348554646L;

  private EpochOrder() {}

  /**
   * The training order of an epoch.
   *
   * @throws DatasetException for a negative epoch
   */
  static int[] shuffled(int size, int repeats, long seed, int epoch, RepeatShuffle mode) {
    if (epoch < 0) {
      throw new DatasetException("Epoch " + epoch + " is negative; count epochs from 0.");
    }
    if (mode == RepeatShuffle.JOINT) {
      return joint(size, repeats, seed, epoch);
    }
    int[] order = new int[Math.multiplyExact(size, repeats)];
    int[] one = new int[size];
    for (int repeat = 0; repeat < repeats; repeat++) {
      for (int i = 0; i < size; i++) {
        one[i] = i;
      }
      SeededRandom random =
          repeat == 0
              ? SeededRandom.derive(SHUFFLE_STREAM, seed, epoch)
              : SeededRandom.derive(SHUFFLE_STREAM, seed, epoch, repeat);
      random.shuffle(one);
      System.arraycopy(one, 0, order, repeat * size, size);
    }
    return order;
  }

  private static int[] joint(int size, int repeats, long seed, int epoch) {
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
