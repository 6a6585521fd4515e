/**
 * The one shared helper for getting dataset files onto disk safely: {@link
 * dev.cosinerepro.datasets.io.Checksum} (SHA-256 or MD5, optionally of the gunzipped content),
 * {@link dev.cosinerepro.datasets.io.Downloader} (HTTPS only, resumable, verified, atomic), {@link
 * dev.cosinerepro.datasets.io.ArchiveExtractor} (tar, tar.gz and zip with a member filter) and the
 * {@link dev.cosinerepro.datasets.io.Idx} parser for MNIST-style IDX files.
 */
package dev.cosinerepro.datasets.io;
