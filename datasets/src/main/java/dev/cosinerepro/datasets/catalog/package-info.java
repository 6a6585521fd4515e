/**
 * The datasets the reproduction trains on, declared as data (files, checksums, split rules): {@link
 * dev.cosinerepro.datasets.catalog.Dataset} is either an {@link
 * dev.cosinerepro.datasets.catalog.ArrayDataset} (small images in memory: Fashion-MNIST, CIFAR-100)
 * or a {@link dev.cosinerepro.datasets.catalog.FileDataset} (an {@link
 * dev.cosinerepro.datasets.catalog.ImageFileList} of image files: CUB-200-2011, NABirds, Stanford
 * Cars, Flowers-102, image folders); {@link dev.cosinerepro.datasets.catalog.DatasetRegistry} finds
 * them by name. Depends on {@code image}, {@code io} and the root.
 */
package dev.cosinerepro.datasets.catalog;
