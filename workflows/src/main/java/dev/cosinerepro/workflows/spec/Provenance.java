package dev.cosinerepro.workflows.spec;

import java.util.List;
import java.util.Map;

/**
 * What produced a result: enough to say whether two results are comparable and to rerun one. A
 * run's result carries the provenance of its training chunks; a report carries its plan's and the
 * code that rendered it.
 *
 * @param codeCommit the git commit of the code, or {@code unknown}; several, comma-separated, when
 *     chunks ran on different builds
 * @param codeDirty whether the working tree had uncommitted changes (null: unknown)
 * @param versions library versions by name: {@code java}, {@code djl}, {@code libtorch}, {@code
 *     temporal-sdk}
 * @param workers the worker identities ({@code pid@host}) that trained, in order of first chunk
 * @param devices the devices they trained on, e.g. {@code cpu: AMD EPYC 7B13, 2 threads}
 * @param dataset the dataset name
 * @param datasetFiles the checksum of every dataset file by name, as verified before use
 * @param planHash the hash of the plan's content (reports; runs may belong to several plans)
 * @param seed the run's training seed (runs)
 * @param subsetSeed the seed of the run's subset draw (runs)
 * @param startedAt when the first chunk started (ISO-8601, UTC)
 * @param endedAt when the last chunk ended, or the report was rendered (ISO-8601, UTC)
 */
public record Provenance(
    String codeCommit,
    Boolean codeDirty,
    Map<String, String> versions,
    List<String> workers,
    List<String> devices,
    String dataset,
    Map<String, String> datasetFiles,
    String planHash,
    Long seed,
    Long subsetSeed,
    String startedAt,
    String endedAt) {}
