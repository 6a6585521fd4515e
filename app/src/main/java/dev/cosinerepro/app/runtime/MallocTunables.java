package dev.cosinerepro.app.runtime;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The glibc {@code malloc} settings the {@code repro} launcher and the worker images start the JVM
 * with, and how a running process compares with them.
 *
 * <p>libtorch takes every tensor from {@code malloc} and frees it when its array closes. With
 * glibc's defaults a block above the mapping threshold (at most 32 MiB) is mapped afresh and
 * unmapped on {@code free}; and every Java thread allocates from an arena of its own, a heap of at
 * most 64 MiB that glibc unmaps as soon as it is empty. Either way the next large activation
 * page-faults in again, zeroed by the kernel, at every step. The settings keep all of it for reuse:
 * one arena ({@code arena_max=1}: the main heap, which grows without a cap), no separate mappings
 * ({@code mmap_max=0}) and no trimming ({@code trim_threshold} 16 GiB). Only where memory comes
 * from changes, never an operator or its order. They must be set before the process starts (glibc
 * reads them once), which is why the launcher does it; docs/benchmarks.md, "Memory that stays" and
 * "One arena", has the measurements.
 */
public final class MallocTunables {

  /** The environment variable glibc reads its tunables from. */
  public static final String VARIABLE = "GLIBC_TUNABLES";

  /** What the launcher and the worker images set. */
  public static final String RECOMMENDED =
      "glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=17179869184:glibc.malloc.arena_max=1";

  private MallocTunables() {}

  /**
   * The tunables this process started with.
   *
   * @param environment the process environment
   * @return the value of {@value #VARIABLE}, or "unset"
   */
  public static String current(Map<String, String> environment) {
    String value = environment.get(VARIABLE);
    return value == null ? "unset" : value;
  }

  /**
   * One line on this process's malloc settings against the recommended ones, with what to do when
   * they differ.
   *
   * @param environment the process environment
   * @return the description
   */
  public static String describe(Map<String, String> environment) {
    String value = environment.get(VARIABLE);
    List<String> missing = missing(value);
    if (missing.isEmpty()) {
      return "freed memory kept for reuse (" + VARIABLE + " has the launcher's settings)";
    }
    String advice =
        "large batches run slower (every step page-faults its activations in again): start"
            + " through ./repro or set "
            + VARIABLE
            + "="
            + RECOMMENDED
            + " before the JVM starts";
    if (value == null || value.isBlank()) {
      return "glibc's defaults ("
          + VARIABLE
          + (value == null ? " unset" : " empty")
          + "); "
          + advice;
    }
    return VARIABLE + "=" + value + " lacks " + String.join(", ", missing) + "; " + advice;
  }

  /** The recommended settings that {@code value} (colon-separated, any order) does not have. */
  private static List<String> missing(String value) {
    Set<String> present =
        value == null ? Set.of() : new HashSet<>(Arrays.asList(value.trim().split(":")));
    return Arrays.stream(RECOMMENDED.split(":")).filter(s -> !present.contains(s)).toList();
  }
}
