/**
 * Datasets of the reproduction as plain Java, split by concern into sub-packages that form one
 * layering, lowest first; a package imports only from packages before it, never after:
 *
 * <ol>
 *   <li>this package: the shared ground, {@link dev.cosinerepro.datasets.DatasetException} (every
 *       bad input raises one, its message one sentence naming the input and what to do) and {@link
 *       dev.cosinerepro.datasets.Split};
 *   <li>{@code io}: downloading, checksums, archive extraction, IDX, MAT and text tables;
 *   <li>{@code image}: decoded images in memory, decoding and resampling, and the random-access
 *       {@code SampleSource} the batch loader reads;
 *   <li>{@code sampling}: seeded random draws and per-class subsets;
 *   <li>{@code transform}: per-sample pre-processing (augmentation, the 448 crop pipeline,
 *       normalisation);
 *   <li>{@code batch}: the one loader turning a sample source and a transform into DJL batches;
 *   <li>{@code catalog}: the datasets, declared as data, and their registry;
 *   <li>{@code cache}: the prepared image cache of the file datasets and its shards;
 *   <li>{@code hierarchy}: class hierarchies and semantic embeddings (NABirds' own hierarchy is
 *       read from the catalog's files).
 * </ol>
 *
 * <p>{@code LayeringTest} checks this order on every build.
 */
package dev.cosinerepro.datasets;
