package dev.cosinerepro.app.bench;

import java.util.Map;

/**
 * One measured item.
 *
 * @param item the item's name, e.g. {@code train.resnet20}
 * @param engine {@code repro} (this code) or {@code pytorch} (the reference script)
 * @param value the figure: images per second, a share of wall time for {@code plan.*} items, or the
 *     peak resident memory in MiB for {@code memory.*} items
 * @param unit {@code images/s}, {@code share} or {@code MiB}
 * @param threads the threads the work ran on (libtorch's intra-op threads, or loader threads)
 * @param details what else was measured (median and extreme step times, counts, versions)
 */
public record Measurement(
    String item,
    String engine,
    double value,
    String unit,
    int threads,
    Map<String, Object> details) {

  /** The unit of throughput items. */
  public static final String IMAGES_PER_SECOND = "images/s";

  /** The unit of the memory items. */
  public static final String MEBIBYTES = "MiB";

  /** The unit of the orchestration items. */
  public static final String SHARE = "share";

  /**
   * This measurement with one more detail.
   *
   * @param key the detail's name
   * @param detail its value
   * @return a copy with the detail added (or replaced)
   */
  public Measurement withDetail(String key, Object detail) {
    java.util.Map<String, Object> more = new java.util.LinkedHashMap<>(details);
    more.put(key, detail);
    return new Measurement(item, engine, value, unit, threads, more);
  }

  /** Details are copied and kept in insertion order. */
  public Measurement {
    details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
  }
}
