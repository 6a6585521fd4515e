/**
 * Images in memory: {@link dev.cosinerepro.datasets.image.ImageSet} (small images of one size as
 * one uint8 HWC array, with labels and class names, and its binary form), {@link
 * dev.cosinerepro.datasets.image.ImageDecoding} (any image file to RGB), {@link
 * dev.cosinerepro.datasets.image.Resampler} (bilinear resizing) and the random-access {@link
 * dev.cosinerepro.datasets.image.SampleSource} interface with its {@link
 * dev.cosinerepro.datasets.image.Pixels} views, which the batch loader reads whatever holds the
 * images. Depends only on the root package.
 */
package dev.cosinerepro.datasets.image;
