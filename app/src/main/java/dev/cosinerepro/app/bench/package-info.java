/**
 * {@code repro bench}: what this machine does with the model, the loaders and the orchestration, in
 * images per second and shares of wall time, optionally side by side with the same work in PyTorch
 * ({@code reference.py}, run alternately with the Java measurements).
 */
package dev.cosinerepro.app.bench;
