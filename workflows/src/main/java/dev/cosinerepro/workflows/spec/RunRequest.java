package dev.cosinerepro.workflows.spec;

/**
 * Asks a run workflow to bring one run to its end.
 *
 * @param spec the run
 * @param epochsPerChunk epochs per training activity
 */
public record RunRequest(RunSpec spec, int epochsPerChunk) {}
