package dev.cosinerepro.datasets.sampling;

/**
 * Which training sample a random draw is for: the run's seed, the epoch, and the sample's position
 * in that epoch's order. Generators derived from it are the same on any machine and thread.
 *
 * @param seed the run's seed
 * @param epoch the epoch, from 0
 * @param position the sample's position in the epoch
 */
public record SampleKey(long seed, int epoch, int position) {
  /** The generator of this sample for one stream of draws (a constant naming its purpose). */
  public SeededRandom random(long stream) {
    return SeededRandom.derive(stream, seed, epoch, position);
  }
}
