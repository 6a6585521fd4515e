package dev.cosinerepro.app.runtime;

import dev.cosinerepro.activities.data.DataActivitiesImpl;
import dev.cosinerepro.activities.data.DatasetCatalog;
import dev.cosinerepro.activities.data.HeartbeatingDataActivities;
import dev.cosinerepro.activities.ledger.RunStoreActivitiesImpl;
import dev.cosinerepro.activities.report.ReportActivitiesImpl;
import dev.cosinerepro.activities.training.ShardCache;
import dev.cosinerepro.activities.training.TrainingActivitiesImpl;
import dev.cosinerepro.activities.training.TrainingMetrics;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.workflows.TaskQueues;
import dev.cosinerepro.workflows.activity.TrainingActivities;
import dev.cosinerepro.workflows.group.GroupWorkflowImpl;
import dev.cosinerepro.workflows.plan.ReproductionWorkflowImpl;
import dev.cosinerepro.workflows.run.RunWorkflowImpl;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A worker process's Temporal workers: the {@code cpu} queue (workflows, data, ledger, reports) and
 * the {@code gpu} queue (training), each only if asked for.
 */
public final class WorkerHost implements AutoCloseable {
  /** The longest a step's heartbeat waits before it reaches the service (live progress lags it). */
  public static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(2);

  private static final long SHARD_CACHE_BYTES = 2L << 30;

  private final WorkerFactory factory;
  private final Set<String> queues;
  private final String identity;

  private WorkerHost(WorkerFactory factory, Set<String> queues, String identity) {
    this.factory = factory;
    this.queues = queues;
    this.identity = identity;
  }

  /**
   * Registers and starts workers for the given queues.
   *
   * @param client the Temporal client
   * @param store the object store
   * @param dataHome the data folder (datasets, scratch space)
   * @param registry where training series go
   * @param queues queue names, a subset of {@link TaskQueues#ALL}
   * @param trainingSlots training activities run at once on this worker
   */
  public static WorkerHost start(
      WorkflowClient client,
      ObjectStore store,
      Path dataHome,
      MeterRegistry registry,
      List<String> queues,
      int trainingSlots) {
    return start(
        client,
        store,
        dataHome,
        registry,
        queues,
        trainingSlots,
        DatasetCatalog.standard(dataHome, true));
  }

  /**
   * Registers and starts workers for the given queues, with a given dataset catalog.
   *
   * @param client the Temporal client
   * @param store the object store
   * @param dataHome the data folder (scratch space)
   * @param registry where training series go
   * @param queues queue names, a subset of {@link TaskQueues#ALL}
   * @param trainingSlots training activities run at once on this worker
   * @param catalog where datasets come from
   */
  public static WorkerHost start(
      WorkflowClient client,
      ObjectStore store,
      Path dataHome,
      MeterRegistry registry,
      List<String> queues,
      int trainingSlots,
      DatasetCatalog catalog) {
    return start(
        client,
        store,
        dataHome,
        registry,
        queues,
        trainingSlots,
        catalog,
        UnaryOperator.identity());
  }

  /**
   * Registers and starts workers, with the training activities wrapped (tests inject failures this
   * way).
   *
   * @param client the Temporal client
   * @param store the object store
   * @param dataHome the data folder (scratch space)
   * @param registry where training series go
   * @param queues queue names, a subset of {@link TaskQueues#ALL}
   * @param trainingSlots training activities run at once on this worker
   * @param catalog where datasets come from
   * @param wrapTraining wraps the training activities
   */
  public static WorkerHost start(
      WorkflowClient client,
      ObjectStore store,
      Path dataHome,
      MeterRegistry registry,
      List<String> queues,
      int trainingSlots,
      DatasetCatalog catalog,
      UnaryOperator<TrainingActivities> wrapTraining) {
    return start(
        client, store, dataHome, registry, queues, trainingSlots, catalog, wrapTraining, null);
  }

  /**
   * Registers and starts workers under a given identity, which Temporal shows for their polls and
   * activities and every training chunk's timing records.
   *
   * @param client the Temporal client
   * @param store the object store
   * @param dataHome the data folder (scratch space)
   * @param registry where training series go
   * @param queues queue names, a subset of {@link TaskQueues#ALL}
   * @param trainingSlots training activities run at once on this worker
   * @param catalog where datasets come from
   * @param wrapTraining wraps the training activities
   * @param identity the workers' identity; {@code null} or blank: the client's (by default {@code
   *     pid@host})
   */
  public static WorkerHost start(
      WorkflowClient client,
      ObjectStore store,
      Path dataHome,
      MeterRegistry registry,
      List<String> queues,
      int trainingSlots,
      DatasetCatalog catalog,
      UnaryOperator<TrainingActivities> wrapTraining,
      String identity) {
    Set<String> chosen = new LinkedHashSet<>(queues);
    String worker =
        identity == null || identity.isBlank() ? client.getOptions().getIdentity() : identity;
    WorkerFactory factory = WorkerFactory.newInstance(client);
    if (chosen.contains(TaskQueues.CPU)) {
      Worker cpu = factory.newWorker(TaskQueues.CPU, options(4, worker));
      cpu.registerWorkflowImplementationTypes(
          ReproductionWorkflowImpl.class, GroupWorkflowImpl.class, RunWorkflowImpl.class);
      cpu.registerActivitiesImplementations(
          new RunStoreActivitiesImpl(store),
          new HeartbeatingDataActivities(new DataActivitiesImpl(store, catalog, dataHome)),
          new ReportActivitiesImpl(store));
    }
    if (chosen.contains(TaskQueues.GPU)) {
      Worker gpu = factory.newWorker(TaskQueues.GPU, options(trainingSlots, worker));
      gpu.registerActivitiesImplementations(
          wrapTraining.apply(
              new TrainingActivitiesImpl(
                  store,
                  new ShardCache(store, SHARD_CACHE_BYTES),
                  new TrainingMetrics(registry),
                  dataHome,
                  worker)));
    }
    factory.start();
    return new WorkerHost(factory, chosen, worker);
  }

  /**
   * Worker options. Sticky execution is off: after a worker dies, the Temporal test server never
   * moves its workflows off the dead worker's sticky queue, and a real cluster loses little without
   * it. Heartbeats reach the service at most every {@link #HEARTBEAT_EVERY} (the SDK's default is
   * 0.8 of the heartbeat timeout, 48 s for training), so live progress moves that often.
   */
  private static WorkerOptions options(int activitySlots, String identity) {
    return WorkerOptions.newBuilder()
        .setIdentity(identity)
        .setMaxConcurrentActivityExecutionSize(activitySlots)
        .setMaxHeartbeatThrottleInterval(HEARTBEAT_EVERY)
        .setDefaultHeartbeatThrottleInterval(HEARTBEAT_EVERY)
        .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
        .build();
  }

  /** The workers' identity, as Temporal and the chunk timings record it. */
  public String identity() {
    return identity;
  }

  /** The queues served. */
  public Set<String> queues() {
    return queues;
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    factory.shutdownNow();
  }
}
