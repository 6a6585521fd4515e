package dev.cosinerepro.datasets.sampling;

/**
 * SplitMix64, written out so that every draw is the same on any JVM and machine (the algorithm of
 * {@link java.util.SplittableRandom} is not part of its contract). Not thread-safe; derive one per
 * use with {@link #derive}.
 */
public final class SeededRandom {
  private long state;

  public SeededRandom(long seed) {
    this.state = seed;
  }

  /** A generator for a child stream, e.g. {@code derive(seed, epoch, sampleIndex)}. */
  public static SeededRandom derive(long... keys) {
    long h = 0x243F6A8885A308D3L;
    for (long key : keys) {
      h = mix(h ^ mix(key + 0x9E3779B97F4A7C15L));
    }
    return new SeededRandom(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public long nextLong() {
    state += 0x9E3779B97F4A7C15L;
    return mix(state);
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [lo, hi). */
  public double uniform(double lo, double hi) {
    return lo + (hi - lo) * nextDouble();
  }

  /** Uniform integer in [0, bound), bound positive; unbiased (rejection as in java.util.Random). */
  public int nextInt(int bound) {
    long u = nextLong() >>> 1;
    long r = u % bound;
    while (u - r + (bound - 1) < 0) {
      u = nextLong() >>> 1;
      r = u % bound;
    }
    return (int) r;
  }

  /** Fisher-Yates shuffle in place. */
  public void shuffle(int[] values) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }
}
