/**
 * Datasets of the reproduction as plain Java: in-memory image sets ({@link
 * dev.cosinerepro.datasets.ImageSet}) and image-file lists ({@link
 * dev.cosinerepro.datasets.ImageFileList}) with 0-based labels; the datasets, declared as data
 * (files, checksums, split rules) and found by {@link dev.cosinerepro.datasets.DatasetRegistry}
 * (CUB-200-2011, NABirds, Stanford Cars, Flowers-102, CIFAR-100, Fashion-MNIST, image folders);
 * seeded nested per-class subsets, per-channel normalisation, augmentation and the {@link
 * dev.cosinerepro.datasets.BatchLoader} that turns an image set into DJL batches.
 *
 * <p>For the file datasets, {@link dev.cosinerepro.datasets.ImageCache} decodes every image once
 * into {@link dev.cosinerepro.datasets.ImageShard}s (smaller side at most 512, JPEG quality 95 by
 * default: about a tenth of the raw size for a fifth less loading speed) with the training split's
 * statistics, and {@link dev.cosinerepro.datasets.CroppedBatchLoader} turns an {@link
 * dev.cosinerepro.datasets.ImageSource} into batches through the paper's 448 {@link
 * dev.cosinerepro.datasets.CropPipeline}.
 *
 * <p>Every bad input raises a {@link dev.cosinerepro.datasets.DatasetException} whose message is
 * one sentence naming the input and what to do. Downloading, checksums, IDX parsing and archive
 * extraction live in {@link dev.cosinerepro.datasets.io}.
 */
package dev.cosinerepro.datasets;
