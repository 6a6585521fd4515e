package dev.cosinerepro.workflows.spec;

/**
 * Asks a run workflow to bring one run to its end, or to a given epoch.
 *
 * @param spec the run
 * @param epochsPerChunk epochs per training activity
 * @param stopAtEpoch stop once this many epochs are done (successive halving stops runs at SGDR
 *     restarts); 0 runs to the end
 */
public record RunRequest(RunSpec spec, int epochsPerChunk, int stopAtEpoch) {

  /** Runs to the end. */
  public RunRequest(RunSpec spec, int epochsPerChunk) {
    this(spec, epochsPerChunk, 0);
  }
}
