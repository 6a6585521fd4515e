package dev.cosinerepro.workflows.spec;

import java.util.List;

/**
 * Asks a group workflow to run a group.
 *
 * @param group the group
 * @param learningRates the rates to run: the group's grid, or the rate its source group chose
 * @param epochsPerChunk epochs per training activity
 * @param search {@code grid} or {@code halving}
 */
public record GroupRequest(
    GroupSpec group, List<Double> learningRates, int epochsPerChunk, String search) {}
