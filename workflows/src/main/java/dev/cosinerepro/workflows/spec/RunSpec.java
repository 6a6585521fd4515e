package dev.cosinerepro.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Locale;
import java.util.Objects;

/**
 * Every hyper-parameter of one experiment run. Immutable; its canonical form is its identity.
 *
 * <p>The schedule is SGDR: {@code sgdrCycles} cycles, the first {@code sgdrBaseEpochs} long, each
 * following one twice as long as the one before, so the run lasts {@code sgdrBaseEpochs *
 * (2^sgdrCycles - 1)} epochs (the paper: 5 cycles of 12 base epochs = 372 epochs).
 *
 * @param dataset dataset name, e.g. {@code fashion-mnist}
 * @param samplesPerClass images drawn per class from the training split; 0 uses the whole split
 * @param subsetSeed seed of the per-class draw (subsets are nested: a smaller k is inside a larger
 *     one)
 * @param subsetRepeats how often the subset is repeated within one epoch (the authors' way to keep
 *     the number of iterations per epoch roughly constant across subset sizes)
 * @param architecture network name, e.g. {@code resnet20}
 * @param objective loss name: {@code xent}, {@code xent-ls}, {@code cosine} or {@code cosine+xent}
 * @param embedding class embedding for the cosine objectives: {@code onehot} or a hierarchy name
 * @param maxLearningRate the SGDR maximum learning rate
 * @param minLearningRate the SGDR minimum learning rate
 * @param sgdrCycles number of SGDR cycles
 * @param sgdrBaseEpochs length of the first SGDR cycle in epochs
 * @param weightDecay weight decay on convolution and dense kernels, in the {@code w -= lr (g + wd
 *     w)} form
 * @param batchSize training batch size
 * @param augmentation augmentation policy name, e.g. {@code none} or {@code flip-shift}
 * @param evalEvery evaluate on the test split every this many epochs (and always after the last
 *     one)
 * @param seed seed of initialisation, data order and augmentation
 */
public record RunSpec(
    String dataset,
    int samplesPerClass,
    long subsetSeed,
    int subsetRepeats,
    String architecture,
    String objective,
    String embedding,
    double maxLearningRate,
    double minLearningRate,
    int sgdrCycles,
    int sgdrBaseEpochs,
    double weightDecay,
    int batchSize,
    String augmentation,
    int evalEvery,
    long seed) {

  /** Validates the fields that do not depend on what exists elsewhere (datasets, architectures). */
  public RunSpec {
    requireText(dataset, "dataset");
    requireText(architecture, "architecture");
    requireText(objective, "objective");
    requireText(embedding, "embedding");
    requireText(augmentation, "augmentation");
    if (samplesPerClass < 0) {
      throw invalid("samplesPerClass", samplesPerClass, "0 (all images) or a positive count");
    }
    if (subsetRepeats < 1) {
      throw invalid("subsetRepeats", subsetRepeats, "at least 1");
    }
    if (!(maxLearningRate > 0) || Double.isInfinite(maxLearningRate)) {
      throw invalid("maxLearningRate", maxLearningRate, "a positive number such as 0.1");
    }
    if (!(minLearningRate >= 0) || minLearningRate > maxLearningRate) {
      throw invalid("minLearningRate", minLearningRate, "between 0 and maxLearningRate");
    }
    if (sgdrCycles < 1 || sgdrCycles > 20) {
      throw invalid("sgdrCycles", sgdrCycles, "between 1 and 20");
    }
    if (sgdrBaseEpochs < 1) {
      throw invalid("sgdrBaseEpochs", sgdrBaseEpochs, "at least 1");
    }
    if (!(weightDecay >= 0)) {
      throw invalid("weightDecay", weightDecay, "0 or a positive number");
    }
    if (batchSize < 1) {
      throw invalid("batchSize", batchSize, "at least 1");
    }
    if (evalEvery < 1) {
      throw invalid("evalEvery", evalEvery, "at least 1");
    }
  }

  /** The total number of epochs of the SGDR schedule. */
  @JsonIgnore
  public int totalEpochs() {
    return sgdrBaseEpochs * ((1 << sgdrCycles) - 1);
  }

  /** The run's identity: a hash of {@link #canonical()}. */
  @JsonIgnore
  public String id() {
    return CanonicalHash.of(canonical());
  }

  /** A short human label, e.g. {@code fashion-mnist k=10 cosine lr=0.05}. */
  @JsonIgnore
  public String label() {
    String k = samplesPerClass == 0 ? "all" : Integer.toString(samplesPerClass);
    String emb = "onehot".equals(embedding) ? "" : " [" + embedding + "]";
    return dataset + " k=" + k + " " + objective + emb + " lr=" + number(maxLearningRate);
  }

  /**
   * This spec with another maximum learning rate and seed; the seed also draws the subset.
   *
   * @param learningRate the maximum learning rate
   * @param runSeed the training and subset seed
   */
  public RunSpec with(double learningRate, long runSeed) {
    return new RunSpec(
        dataset,
        samplesPerClass,
        runSeed,
        subsetRepeats,
        architecture,
        objective,
        embedding,
        learningRate,
        Math.min(minLearningRate, learningRate),
        sgdrCycles,
        sgdrBaseEpochs,
        weightDecay,
        batchSize,
        augmentation,
        evalEvery,
        runSeed);
  }

  /** This spec with another class embedding. */
  public RunSpec withEmbedding(String classEmbedding) {
    return new RunSpec(
        dataset,
        samplesPerClass,
        subsetSeed,
        subsetRepeats,
        architecture,
        objective,
        classEmbedding,
        maxLearningRate,
        minLearningRate,
        sgdrCycles,
        sgdrBaseEpochs,
        weightDecay,
        batchSize,
        augmentation,
        evalEvery,
        seed);
  }

  /** The epoch counts at which SGDR cycles end: base, 3 base, 7 base, ... */
  @JsonIgnore
  public java.util.List<Integer> cycleEnds() {
    java.util.List<Integer> ends = new java.util.ArrayList<>();
    int end = 0;
    for (int cycle = 0; cycle < sgdrCycles; cycle++) {
      end += sgdrBaseEpochs << cycle;
      ends.add(end);
    }
    return ends;
  }

  /** The data this run trains and evaluates on. */
  @JsonIgnore
  public DataRequest dataRequest() {
    return new DataRequest(dataset, samplesPerClass, subsetSeed);
  }

  /**
   * The canonical JSON form: keys in alphabetical order, numbers in their shortest round-trip form,
   * no whitespace. Two specs are the same experiment exactly when their canonical forms are equal.
   */
  @JsonIgnore
  public String canonical() {
    return "{"
        + field("architecture", quote(architecture))
        + ","
        + field("augmentation", quote(augmentation))
        + ","
        + field("batchSize", batchSize)
        + ","
        + field("dataset", quote(dataset))
        + ","
        + field("embedding", quote(embedding))
        + ","
        + field("evalEvery", evalEvery)
        + ","
        + field("maxLearningRate", number(maxLearningRate))
        + ","
        + field("minLearningRate", number(minLearningRate))
        + ","
        + field("objective", quote(objective))
        + ","
        + field("samplesPerClass", samplesPerClass)
        + ","
        + field("seed", seed)
        + ","
        + field("sgdrBaseEpochs", sgdrBaseEpochs)
        + ","
        + field("sgdrCycles", sgdrCycles)
        + ","
        + field("subsetRepeats", subsetRepeats)
        + ","
        + field("subsetSeed", subsetSeed)
        + ","
        + field("weightDecay", number(weightDecay))
        + "}";
  }

  private static String field(String name, Object value) {
    return quote(name) + ":" + value;
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "The run spec field '" + name + "' is missing: give it a value.");
    }
  }

  private static IllegalArgumentException invalid(String name, Object value, String expected) {
    return new IllegalArgumentException(
        "The run spec field '" + name + "' is " + value + ": it must be " + expected + ".");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RunSpec spec && canonical().equals(spec.canonical());
  }

  @Override
  public int hashCode() {
    return Objects.hash(canonical());
  }
}
