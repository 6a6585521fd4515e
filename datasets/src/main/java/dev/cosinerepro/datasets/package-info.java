/**
 * Datasets of the reproduction as plain Java: in-memory image sets ({@link
 * dev.cosinerepro.datasets.ImageSet}) and image-file lists ({@link
 * dev.cosinerepro.datasets.ImageFileList}) with 0-based labels; the datasets, declared as data
 * (files, checksums, split rules) and found by {@link dev.cosinerepro.datasets.DatasetRegistry}
 * (CUB-200-2011, NABirds, Stanford Cars, Flowers-102, CIFAR-100, Fashion-MNIST, image folders);
 * seeded nested per-class subsets, per-channel normalisation, augmentation and the {@link
 * dev.cosinerepro.datasets.BatchLoader} that turns an image set into DJL batches.
 *
 * <p>Every bad input raises a {@link dev.cosinerepro.datasets.DatasetException} whose message is
 * one sentence naming the input and what to do. Downloading, checksums, IDX parsing and archive
 * extraction live in {@link dev.cosinerepro.datasets.io}.
 */
package dev.cosinerepro.datasets;
