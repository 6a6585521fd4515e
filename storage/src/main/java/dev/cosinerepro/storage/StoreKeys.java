package dev.cosinerepro.storage;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object-key layout of the store: the only place that builds keys.
 *
 * <pre>
 * runs/&lt;runId&gt;/spec.json                          the experiment spec (canonical JSON; the id is its hash)
 * runs/&lt;runId&gt;/checkpoints/&lt;epoch&gt;/model.bin       parameters, optimizer, schedule and RNG state
 * runs/&lt;runId&gt;/checkpoints/&lt;epoch&gt;/manifest.json   written LAST: a checkpoint without it is incomplete
 * runs/&lt;runId&gt;/metrics/epoch-&lt;epoch&gt;.json          one epoch's metrics
 * runs/&lt;runId&gt;/metrics.jsonl                       every epoch's metrics, one JSON object a line
 * runs/&lt;runId&gt;/result.json                        the final result (write-once)
 * plans/&lt;planRunId&gt;/&lt;file&gt;                         report.md, report.csv, report.json, plots
 * datasets/&lt;name&gt;/&lt;fingerprint&gt;/&lt;file&gt;             prepared dataset files, by content fingerprint
 * </pre>
 *
 * <p>Epochs are written with four digits ({@code 0007}) so that keys sort in epoch order; they
 * range from 0 to 9999. Ids ({@code runId}, {@code planRunId}, dataset name and fingerprint) are
 * single key segments of letters, digits, {@code .}, {@code _} and {@code -}. File names may be
 * relative paths ({@code plots/fig3.png}) without empty, {@code .} or {@code ..} segments.
 */
public final class StoreKeys {

  /** The highest epoch a key can carry (four digits). */
  public static final int MAX_EPOCH = 9999;

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,200}");
  private static final Pattern FILE_SEGMENT = Pattern.compile("[A-Za-z0-9._+=-]{1,200}");
  private static final Pattern CHECKPOINT_MANIFEST =
      Pattern.compile("runs/([^/]+)/checkpoints/(\\d{4})/manifest\\.json");

  private StoreKeys() {}

  /**
   * Returns the prefix under which everything of one run lives.
   *
   * @param runId the experiment run id
   * @return {@code runs/<runId>/}
   */
  public static String runPrefix(String runId) {
    return "runs/" + segment("run id", runId) + "/";
  }

  /**
   * Returns the key of a run's spec.
   *
   * @param runId the experiment run id
   * @return {@code runs/<runId>/spec.json}
   */
  public static String runSpec(String runId) {
    return runPrefix(runId) + "spec.json";
  }

  /**
   * Returns the prefix under which all checkpoints of a run live.
   *
   * @param runId the experiment run id
   * @return {@code runs/<runId>/checkpoints/}
   */
  public static String checkpointsPrefix(String runId) {
    return runPrefix(runId) + "checkpoints/";
  }

  /**
   * Returns the prefix of one checkpoint.
   *
   * @param runId the experiment run id
   * @param epoch the epoch the checkpoint was taken after, 0 to {@value #MAX_EPOCH}
   * @return {@code runs/<runId>/checkpoints/<epoch, 4 digits>/}
   */
  public static String checkpointPrefix(String runId, int epoch) {
    return checkpointsPrefix(runId) + epoch(epoch) + "/";
  }

  /**
   * Returns the key of a checkpoint's data (parameters, optimizer state, schedule, RNG).
   *
   * @param runId the experiment run id
   * @param epoch the epoch, 0 to {@value #MAX_EPOCH}
   * @return {@code runs/<runId>/checkpoints/<epoch>/model.bin}
   */
  public static String checkpointData(String runId, int epoch) {
    return checkpointPrefix(runId, epoch) + "model.bin";
  }

  /**
   * Returns the key of a checkpoint's manifest, which is written after the data: a checkpoint is
   * complete exactly when its manifest exists.
   *
   * @param runId the experiment run id
   * @param epoch the epoch, 0 to {@value #MAX_EPOCH}
   * @return {@code runs/<runId>/checkpoints/<epoch>/manifest.json}
   */
  public static String checkpointManifest(String runId, int epoch) {
    return checkpointPrefix(runId, epoch) + "manifest.json";
  }

  /**
   * Returns the key of one epoch's metrics.
   *
   * @param runId the experiment run id
   * @param epoch the epoch, 0 to {@value #MAX_EPOCH}
   * @return {@code runs/<runId>/metrics/epoch-<epoch, 4 digits>.json}
   */
  public static String epochMetrics(String runId, int epoch) {
    return runPrefix(runId) + "metrics/epoch-" + epoch(epoch) + ".json";
  }

  /**
   * Returns the key of a run's metrics log (JSON lines, rewritten as epochs finish).
   *
   * @param runId the experiment run id
   * @return {@code runs/<runId>/metrics.jsonl}
   */
  public static String metricsLog(String runId) {
    return runPrefix(runId) + "metrics.jsonl";
  }

  /**
   * Returns the key of one training chunk's timing (where its wall time went).
   *
   * @param runId the experiment run id
   * @param fromEpoch epochs done when the chunk started
   * @param untilEpoch epochs done when it ended
   * @param attempt the activity attempt (a retried chunk writes one file per attempt)
   * @return {@code runs/<runId>/chunks/<from>-<until>-a<attempt>.json}
   */
  public static String chunkTiming(String runId, int fromEpoch, int untilEpoch, int attempt) {
    return runPrefix(runId)
        + "chunks/"
        + epoch(fromEpoch)
        + "-"
        + epoch(untilEpoch)
        + "-a"
        + attempt
        + ".json";
  }

  /**
   * Returns the key of a run's final result.
   *
   * @param runId the experiment run id
   * @return {@code runs/<runId>/result.json}
   */
  public static String runResult(String runId) {
    return runPrefix(runId) + "result.json";
  }

  /**
   * Returns the key of the note that a run's loss diverged: its later chunks train nothing and its
   * result keeps the epochs before.
   *
   * @param runId the experiment run id
   * @return {@code runs/<runId>/diverged.json}
   */
  public static String runDivergence(String runId) {
    return runPrefix(runId) + "diverged.json";
  }

  /**
   * Returns the prefix of a plan run's reports.
   *
   * @param planRunId the plan run id
   * @return {@code plans/<planRunId>/}
   */
  public static String planPrefix(String planRunId) {
    return "plans/" + segment("plan run id", planRunId) + "/";
  }

  /**
   * Returns the key of a file of a plan run's report.
   *
   * @param planRunId the plan run id
   * @param fileName {@code report.md}, {@code report.csv}, {@code report.json} or another relative
   *     file name such as {@code plots/fig3.png}
   * @return {@code plans/<planRunId>/<fileName>}
   */
  public static String report(String planRunId, String fileName) {
    return planPrefix(planRunId) + relativeFile(fileName);
  }

  /**
   * Returns the prefix of one prepared dataset version.
   *
   * @param name the dataset name, for example {@code cub200}
   * @param fingerprint the content fingerprint of that preparation
   * @return {@code datasets/<name>/<fingerprint>/}
   */
  public static String datasetPrefix(String name, String fingerprint) {
    return "datasets/"
        + segment("dataset name", name)
        + "/"
        + segment("dataset fingerprint", fingerprint)
        + "/";
  }

  /**
   * Returns the key of a file of a prepared dataset.
   *
   * @param name the dataset name
   * @param fingerprint the content fingerprint of that preparation
   * @param fileName a relative file name such as {@code train.bin} or {@code meta/classes.txt}
   * @return {@code datasets/<name>/<fingerprint>/<fileName>}
   */
  public static String dataset(String name, String fingerprint, String fileName) {
    return datasetPrefix(name, fingerprint) + relativeFile(fileName);
  }

  /**
   * Reads the epoch out of a checkpoint manifest key.
   *
   * @param runId the run the key must belong to
   * @param key any object key
   * @return the epoch if {@code key} is {@code runs/<runId>/checkpoints/<epoch>/manifest.json}
   */
  public static OptionalInt manifestEpoch(String runId, String key) {
    Matcher m = CHECKPOINT_MANIFEST.matcher(key);
    if (m.matches() && m.group(1).equals(runId)) {
      return OptionalInt.of(Integer.parseInt(m.group(2)));
    }
    return OptionalInt.empty();
  }

  private static String epoch(int epoch) {
    if (epoch < 0 || epoch > MAX_EPOCH) {
      throw new IllegalArgumentException(
          "The epoch " + epoch + " is out of range: use 0 to " + MAX_EPOCH + ".");
    }
    return String.format("%04d", epoch);
  }

  private static String segment(String what, String value) {
    if (value == null
        || !SEGMENT.matcher(value).matches()
        || ".".equals(value)
        || "..".equals(value)) {
      throw new IllegalArgumentException(
          "The "
              + what
              + " \""
              + value
              + "\" cannot be part of an object key: use 1 to 200 letters, digits, '.', '_' or '-'.");
    }
    return value;
  }

  private static String relativeFile(String fileName) {
    boolean valid = fileName != null && !fileName.isEmpty();
    if (valid) {
      for (String part : fileName.split("/", -1)) {
        if (!FILE_SEGMENT.matcher(part).matches() || ".".equals(part) || "..".equals(part)) {
          valid = false;
          break;
        }
      }
    }
    if (!valid) {
      throw new IllegalArgumentException(
          "The file name \""
              + fileName
              + "\" cannot be part of an object key: use a relative path of letters, digits,"
              + " '.', '_', '-', '+' or '=' without empty, '.' or '..' parts.");
    }
    return fileName;
  }
}
