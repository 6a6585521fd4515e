/**
 * The one batch loader: {@link dev.cosinerepro.datasets.batch.BatchLoader} turns any {@link
 * dev.cosinerepro.datasets.image.SampleSource} and {@link
 * dev.cosinerepro.datasets.transform.SampleTransform} into DJL batches, prefetched on background
 * threads and deterministic given the seed, epoch and position of each sample. Depends on {@code
 * transform}, {@code sampling}, {@code image} and the root.
 */
package dev.cosinerepro.datasets.batch;
