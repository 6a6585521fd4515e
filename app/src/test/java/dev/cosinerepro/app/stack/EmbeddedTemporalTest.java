package dev.cosinerepro.app.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedTemporalTest {

  static EmbeddedTemporal temporal;
  static WorkflowServiceStubs stubs;

  @BeforeAll
  static void start() {
    temporal = EmbeddedTemporal.start(0);
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
  }

  @AfterAll
  static void stop() {
    stubs.shutdownNow();
    temporal.close();
  }

  @Test
  void answersLikeAClusterOnLoopback() {
    assertThat(temporal.target()).isEqualTo("127.0.0.1:" + temporal.port());
    assertThat(temporal.port()).isPositive();

    assertThat(stubs.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance()))
        .isNotNull();
    assertThat(
            stubs
                .blockingStub()
                .describeNamespace(
                    DescribeNamespaceRequest.newBuilder().setNamespace("default").build())
                .getNamespaceInfo()
                .getName())
        .isEqualTo("default");
  }

  @Test
  void isBoundToLoopbackOnly() {
    assertThat(Loopback.boundToLoopbackOnly(temporal.port())).isTrue();
  }

  @Test
  void timersRunInRealTime() {
    WorkflowClient client = WorkflowClient.newInstance(stubs);
    WorkerFactory factory = WorkerFactory.newInstance(client);
    Worker worker =
        factory.newWorker(
            "stack-test",
            WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build());
    worker.registerWorkflowImplementationTypes(SleeperImpl.class);
    factory.start();
    try {
      Sleeper sleeper =
          client.newWorkflowStub(
              Sleeper.class, WorkflowOptions.newBuilder().setTaskQueue("stack-test").build());

      long start = System.nanoTime();
      long slept = sleeper.sleep(1500);

      // A time-skipping server would fire the timer at once.
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThan(Duration.ofMillis(1400));
      assertThat(slept).isGreaterThanOrEqualTo(1500);
    } finally {
      factory.shutdownNow();
    }
  }

  @Test
  void aTakenPortGetsOneClearSentence() {
    assertThatThrownBy(() -> EmbeddedTemporal.start(temporal.port()))
        .isInstanceOf(StackException.class)
        .hasMessageStartingWith(
            "Cannot start the embedded Temporal server on 127.0.0.1:" + temporal.port())
        .hasMessageContaining("choose another port");
  }

  /** Sleeps on a workflow timer. */
  @WorkflowInterface
  public interface Sleeper {
    /**
     * Sleeps.
     *
     * @param millis how long
     * @return the workflow-clock milliseconds that passed
     */
    @WorkflowMethod
    long sleep(long millis);
  }

  /** The implementation. */
  public static class SleeperImpl implements Sleeper {
    @Override
    public long sleep(long millis) {
      long before = Workflow.currentTimeMillis();
      Workflow.sleep(Duration.ofMillis(millis));
      return Workflow.currentTimeMillis() - before;
    }
  }
}
