package dev.cosinerepro.workflows.spec;

/**
 * The data one run needs: a dataset, and optionally a seeded per-class subset of its training
 * split.
 *
 * @param dataset dataset name
 * @param samplesPerClass images per class; 0 keeps the whole training split
 * @param subsetSeed seed of the draw
 */
public record DataRequest(String dataset, int samplesPerClass, long subsetSeed) {}
