/**
 * The prepared cache of a dataset: {@link dev.cosinerepro.datasets.cache.ImageCache} decodes every
 * image of a file dataset once into {@link dev.cosinerepro.datasets.cache.ImageShard}s (smaller
 * side at most 512, JPEG quality 95 by default: about a tenth of the raw size for a fifth less
 * loading speed) with the training split's statistics, built as {@link
 * dev.cosinerepro.datasets.cache.CacheOptions} say; {@link
 * dev.cosinerepro.datasets.cache.ImageSource} reads a split back as a {@link
 * dev.cosinerepro.datasets.image.SampleSource}. Depends on {@code catalog}, {@code transform},
 * {@code image}, {@code io} and the root.
 */
package dev.cosinerepro.datasets.cache;
