/**
 * Datasets of the reproduction as plain Java: in-memory image sets ({@link
 * dev.cosinerepro.datasets.ImageSet}) with 0-based labels, the dataset loaders (Fashion-MNIST,
 * ...), seeded nested per-class subsets, per-channel normalisation, augmentation and the {@link
 * dev.cosinerepro.datasets.BatchLoader} that turns an image set into DJL batches.
 *
 * <p>Every bad input raises a {@link dev.cosinerepro.datasets.DatasetException} whose message is
 * one sentence naming the input and what to do. Downloading, checksums, IDX parsing and archive
 * extraction live in {@link dev.cosinerepro.datasets.io}.
 */
package dev.cosinerepro.datasets;
