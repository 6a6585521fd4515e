package dev.cosinerepro.activities.ledger;

import java.util.Map;

/**
 * The worker that trained a chunk, as stored in its {@link ChunkTiming}: who, on what, with which
 * code and libraries.
 *
 * @param identity the worker process, {@code pid@host} (Temporal's default worker identity)
 * @param device the device, e.g. {@code cpu: AMD EPYC 7B13, 2 threads} or {@code gpu: NVIDIA H200}
 * @param codeCommit the git commit of the code, or {@code unknown}
 * @param codeDirty whether the working tree had uncommitted changes (null: unknown)
 * @param versions library versions by name ({@code java}, {@code djl}, {@code libtorch}, {@code
 *     temporal-sdk})
 */
public record WorkerInfo(
    String identity,
    String device,
    String codeCommit,
    Boolean codeDirty,
    Map<String, String> versions) {}
