/**
 * The object store that holds every durable artifact of a reproduction, reached only through the
 * MinIO client so that the same code runs against the embedded s3proxy and against a real MinIO or
 * S3 deployment.
 *
 * <ul>
 *   <li>{@link dev.cosinerepro.storage.S3Settings}: where the store is and how to log in,
 *       validated.
 *   <li>{@link dev.cosinerepro.storage.ObjectStore}: put, write-once put, get, streamed download
 *       (temp file + atomic rename), recursive listing and presigned URLs for one bucket.
 *   <li>{@link dev.cosinerepro.storage.StoreKeys}: the key layout ({@code runs/}, {@code plans/},
 *       {@code datasets/}); no other class builds keys by hand. What a run's keys hold and in what
 *       order they are written belongs to the activities' {@code RunRecord}.
 *   <li>{@link dev.cosinerepro.storage.Json}: the one shared JSON mapping used for every stored
 *       document, with sorted keys so that equal values give equal bytes.
 * </ul>
 *
 * <p>Failures surface as {@link dev.cosinerepro.storage.StorageException} with one sentence that
 * names the endpoint or key and what to do; bad arguments surface as {@link
 * IllegalArgumentException}.
 */
package dev.cosinerepro.storage;
