package dev.cosinerepro.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.app.Offline;
import dev.cosinerepro.app.runtime.WorkerHost;
import dev.cosinerepro.app.stack.EmbeddedStack;
import dev.cosinerepro.app.stack.StackPorts;
import dev.cosinerepro.storage.Json;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.StoreKeys;
import dev.cosinerepro.workflows.TaskQueues;
import dev.cosinerepro.workflows.plan.ReproductionWorkflow;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanResult;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RunResult;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.RunTemplate;
import dev.cosinerepro.workflows.spec.ScheduleRecipe;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file dataset (the user's own image folder) end to end: decoded once into the image cache, its
 * shards in the object store, trained with the crop pipeline (resize, random crop, flip, erasing) —
 * and, once the worker's local cache is gone, trained again from the shards fetched back from the
 * store.
 */
class ImageFolderEndToEndTest {
  @TempDir Path home;

  @BeforeAll
  static void offline() {
    Offline.enforce();
  }

  @Test
  void anImageFolderTrainsThroughTheCacheAndTheStore() throws Exception {
    Path images = home.resolve("my-images");
    writeImages(images.resolve("train"), 12, 1);
    writeImages(images.resolve("test"), 4, 2);
    String dataset = "folder:" + images;
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (EmbeddedStack stack =
            EmbeddedStack.start(home, registry, StackPorts.ephemeral(), Map.of());
        ObjectStore store = ObjectStore.connect(stack.s3Settings())) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporalTarget()).build());
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      try (WorkerHost worker = WorkerHost.start(client, store, home, registry, TaskQueues.ALL, 1)) {
        PlanResult first = reproduce(client, plan(dataset, 0.05));
        assertThat(first.failures()).isEmpty();
        RunSpec run = plan(dataset, 0.05).knownRuns().get(0);
        RunResult result =
            Json.read(store.get(StoreKeys.runResult(run.id())).orElseThrow(), RunResult.class);
        assertThat(result.epochs()).isEqualTo(2);
        assertThat(result.finalTestAccuracy()).isBetween(0.0, 1.0);
        List<String> cacheKeys = store.list("datasets/");
        assertThat(cacheKeys).anyMatch(key -> key.endsWith("/cache/manifest.json"));
        assertThat(cacheKeys).anyMatch(key -> key.endsWith(".indices.json"));

        // The worker loses its local cache. The next run (another rate, the same subset, so data
        // preparation finds
        // its record and rebuilds nothing) must fetch the shards back from the store.
        try (Stream<Path> caches = Files.list(home.resolve("cache"))) {
          for (Path cache : caches.toList()) {
            deleteTree(cache);
          }
        }
        PlanResult second = reproduce(client, plan(dataset, 0.1));
        assertThat(second.failures()).isEmpty();
        try (Stream<Path> caches = Files.list(home.resolve("cache"))) {
          assertThat(caches.toList()).singleElement();
        }
        RunSpec fetched = plan(dataset, 0.1).knownRuns().get(0);
        assertThat(store.exists(StoreKeys.runResult(fetched.id()))).isTrue();
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  private static PlanResult reproduce(WorkflowClient client, PlanSpec plan) {
    return client
        .newWorkflowStub(
            ReproductionWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.CPU)
                .setWorkflowId(plan.workflowId())
                .build())
        .reproduce(plan);
  }

  private static PlanSpec plan(String dataset, double rate) {
    RunTemplate template =
        RunTemplate.builder()
            .setDataset(dataset)
            .optSamplesPerClass(5)
            .optSubsetRepeats(2)
            .optAugmentation("crop-flip-erase")
            .optImageSides(40, 32)
            .setArchitecture("resnet8")
            .setLoss("xent")
            .setBatchSize(10)
            .optSchedule(ScheduleRecipe.sgdr(1, 2))
            .optEvalEvery(2)
            .build();
    return new PlanSpec(
        "folder-e2e",
        "",
        List.of(GroupSpec.grid("g", "quick", template, List.of(rate), List.of(0L))),
        2);
  }

  /** Two classes of 40x40 pictures: reddish or bluish, with noise. */
  private static void writeImages(Path split, int perClass, long seed) throws IOException {
    Random random = new Random(seed);
    for (String name : List.of("red", "blue")) {
      Path folder = split.resolve(name);
      Files.createDirectories(folder);
      for (int i = 0; i < perClass; i++) {
        BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) {
          for (int x = 0; x < 40; x++) {
            int noise = random.nextInt(60);
            int strong = 150 + random.nextInt(100);
            int rgb =
                "red".equals(name)
                    ? (strong << 16) | (noise << 8) | noise
                    : (noise << 16) | (noise << 8) | strong;
            image.setRGB(x, y, rgb);
          }
        }
        ImageIO.write(image, "png", folder.resolve(name + "-" + i + ".png").toFile());
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
