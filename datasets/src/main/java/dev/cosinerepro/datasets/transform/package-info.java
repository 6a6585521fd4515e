/**
 * Per-sample pre-processing from uint8 HWC pixels to normalised float CHW: the {@link
 * dev.cosinerepro.datasets.transform.SampleTransform} contract and its two forms, {@link
 * dev.cosinerepro.datasets.transform.AugmentTransform} (small images at their stored size with the
 * {@link dev.cosinerepro.datasets.transform.Augmentation} flip, shift and erasing) and {@link
 * dev.cosinerepro.datasets.transform.CropTransform} (the 448 datasets' {@link
 * dev.cosinerepro.datasets.transform.CropPipeline}), plus {@link
 * dev.cosinerepro.datasets.transform.Normalization}. Depends on {@code sampling}, {@code image} and
 * the root.
 */
package dev.cosinerepro.datasets.transform;
