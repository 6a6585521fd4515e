package dev.cosinerepro.app.bench;

import dev.cosinerepro.activities.ledger.ChunkTiming;
import dev.cosinerepro.app.runtime.ConnectionSettings;
import dev.cosinerepro.app.runtime.PlanRunner;
import dev.cosinerepro.app.runtime.Services;
import dev.cosinerepro.app.runtime.TemporalSecurity;
import dev.cosinerepro.app.stack.StackPorts;
import dev.cosinerepro.storage.Json;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunTemplate;
import dev.cosinerepro.workflows.spec.ScheduleRecipe;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The orchestration overhead of a tiny plan on the embedded stack: {@link #TINY} trains two
 * Fashion-MNIST runs (ResNet-8, 3 epochs of 2,000 images, the test set evaluated after every epoch)
 * through the real workflows, store and ledger, and the stored chunk timings say how much of the
 * wall time went to training and evaluation.
 *
 * <ul>
 *   <li>{@code plan.chunks}: the share of the training chunks' wall time outside training and
 *       evaluation (loading data and checkpoints, writing checkpoints and waiting for the commits
 *       that did not fit alongside training: {@code commitWaitSeconds} of the {@code commitSeconds}
 *       spent committing);
 *   <li>{@code plan.total}: the share of the whole command's wall time outside training and
 *       evaluation (also starting the embedded stack, preparing the data, workflow scheduling and
 *       the report): the fixed cost a tiny plan pays.
 * </ul>
 */
public final class OrchestrationBench {
  /** The tiny plan. */
  public static final PlanSpec TINY = tinyPlan();

  private OrchestrationBench() {}

  /**
   * Runs {@link #TINY} with a fresh embedded stack whose store lives in {@code home}.
   *
   * @param home an empty folder (Fashion-MNIST is found in Debian's package folder or here)
   * @param env the environment
   * @return the two shares
   */
  public static List<Measurement> measure(Path home, Map<String, String> env)
      throws InterruptedException {
    ConnectionSettings settings =
        new ConnectionSettings(
            null, null, "repro", "default", home, null, TemporalSecurity.PLAIN, env);
    PrintWriter quiet = new PrintWriter(Writer.nullWriter());
    long started = System.nanoTime();
    int code = new PlanRunner(quiet, quiet, false).run(TINY, settings, false);
    double wall = (System.nanoTime() - started) / 1e9;
    if (code != 0) {
      throw new IllegalStateException("The tiny plan failed (exit " + code + ").");
    }
    List<ChunkTiming> chunks = new ArrayList<>();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Services services = Services.open(settings, registry, StackPorts.ephemeral(), false)) {
      ObjectStore store = services.store();
      for (String key : store.list("runs/")) {
        if (key.contains("/chunks/") && key.endsWith(".json")) {
          store.get(key).ifPresent(bytes -> chunks.add(Json.read(bytes, ChunkTiming.class)));
        }
      }
    }
    double chunkWall = 0;
    double training = 0;
    double setup = 0;
    double commit = 0;
    double commitWait = 0;
    int trained = 0;
    for (ChunkTiming chunk : chunks) {
      if (chunk.untilEpoch() > chunk.fromEpoch()) {
        trained++;
        chunkWall += chunk.wallSeconds();
        training += chunk.epochSeconds();
        setup += chunk.setupSeconds();
        commit += chunk.commitSeconds();
        commitWait += chunk.commitWaitSeconds() == null ? 0 : chunk.commitWaitSeconds();
      }
    }
    if (trained == 0) {
      throw new IllegalStateException("The tiny plan stored no chunk timings.");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("plan", TINY.description());
    details.put("chunks", trained);
    details.put("chunkWallSeconds", chunkWall);
    details.put("trainingAndEvaluationSeconds", training);
    details.put("setupSeconds", setup);
    details.put("commitSeconds", commit);
    details.put("commitWaitSeconds", commitWait);
    Map<String, Object> total = new LinkedHashMap<>(details);
    total.put("commandWallSeconds", wall);
    return List.of(
        new Measurement(
            "plan.chunks", "repro", 1 - training / chunkWall, Measurement.SHARE, 1, details),
        new Measurement("plan.total", "repro", 1 - training / wall, Measurement.SHARE, 1, total));
  }

  private static PlanSpec tinyPlan() {
    List<GroupSpec> groups = new ArrayList<>();
    for (String loss : List.of("xent", "cosine")) {
      RunTemplate template =
          RunTemplate.builder()
              .setDataset("fashion-mnist")
              .optSamplesPerClass(10)
              .optSubsetRepeats(20)
              .optAugmentation("flip-shift")
              .setArchitecture("resnet8")
              .setLoss(loss)
              .setBatchSize(50)
              .optWeightDecay(4e-4)
              .optSchedule(ScheduleRecipe.sgdr(2, 1))
              .optEvalEvery(1)
              .build();
      groups.add(GroupSpec.grid("bench/" + loss, "bench", template, List.of(0.05), List.of(0L)));
    }
    return new PlanSpec(
        "bench-tiny",
        "Fashion-MNIST k = 10, xent and cosine, ResNet-8, 3 epochs of 2,000 images",
        groups,
        1);
  }
}
