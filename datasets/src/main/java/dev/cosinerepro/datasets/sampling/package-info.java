/**
 * Seeded randomness that does not depend on threads or machines: {@link
 * dev.cosinerepro.datasets.sampling.SeededRandom} (a generator derived from a tuple of keys),
 * {@link dev.cosinerepro.datasets.sampling.SampleKey} (which training sample of which epoch a draw
 * is for) and {@link dev.cosinerepro.datasets.sampling.Subsets} (nested per-class subsets). Depends
 * on {@code image} and the root.
 */
package dev.cosinerepro.datasets.sampling;
