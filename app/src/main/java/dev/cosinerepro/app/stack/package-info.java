/**
 * The embedded stack behind {@code repro up} and the quickstart: everything a reproduction needs,
 * in one process, with no installs, bound to 127.0.0.1 only.
 *
 * <ul>
 *   <li>{@link dev.cosinerepro.app.stack.EmbeddedTemporal}: the Temporal Java test server as a real
 *       gRPC server in real time (no persistence: workflows do not survive a restart, the object
 *       store does).
 *   <li>{@link dev.cosinerepro.app.stack.EmbeddedS3}: s3proxy with its filesystem blob store, a
 *       real S3 API over plain files in the data folder.
 *   <li>{@link dev.cosinerepro.app.stack.CredentialsStore}: the S3 keys, from the environment or a
 *       private file generated on first start.
 *   <li>{@link dev.cosinerepro.app.stack.MetricsServer}: the Prometheus scrape endpoint.
 *   <li>{@link dev.cosinerepro.app.stack.EmbeddedStack}: all of them started together and stopped
 *       in reverse order.
 * </ul>
 *
 * <p>Clients reach these services exactly as they would reach a Temporal cluster and a MinIO
 * server, so the code that uses them does not know which one it runs on. Start failures surface as
 * {@link dev.cosinerepro.app.stack.StackException} with one sentence naming the service, the
 * address and the fix.
 */
package dev.cosinerepro.app.stack;
