package dev.cosinerepro.app.stack;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal Java test server as a real gRPC server in real time (not time-skipping), bound to
 * 127.0.0.1 only. Workers and clients connect to {@link #target()} exactly as to a Temporal
 * cluster, in the {@code default} namespace.
 *
 * <p>Limits of the test server: it keeps nothing across restarts; it lacks list/count of workflow
 * executions, schedules, reset and batch operations; workers must set {@code
 * WorkerOptions.setStickyQueueScheduleToStartTimeout(Duration.ZERO)}, or workflows hang after a
 * worker dies.
 */
public final class EmbeddedTemporal implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTemporal.class);
  private static final String HOST = "127.0.0.1";

  private final TestServicesStarter services;
  private final Server server;
  private final int port;
  private boolean closed;

  private EmbeddedTemporal(TestServicesStarter services, Server server, int port) {
    this.services = services;
    this.server = server;
    this.port = port;
  }

  /**
   * Starts the server on 127.0.0.1.
   *
   * @param port the port to listen on, or 0 for a free ephemeral port
   * @return the running server
   * @throws StackException if the port is taken or the server cannot start
   */
  public static EmbeddedTemporal start(int port) {
    StackPorts.check("Temporal", port);
    // true = time skipping locked: timers fire in real time, as on a cluster.
    TestServicesStarter services = new TestServicesStarter(true, 0L);
    try {
      NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(HOST, port));
      GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
      Server server = builder.build().start();
      int bound = boundPort(server);
      LOG.debug("Temporal test server listening on {}:{}", HOST, bound);
      return new EmbeddedTemporal(services, server, bound);
    } catch (IOException | RuntimeException e) {
      services.close();
      throw new StackException(
          "Cannot start the embedded Temporal server on "
              + HOST
              + ":"
              + port
              + " ("
              + StackException.reason(e)
              + "): choose another port, or stop whatever listens there.",
          e);
    }
  }

  private static int boundPort(Server server) {
    for (SocketAddress address : server.getListenSockets()) {
      if (address instanceof InetSocketAddress inet) {
        return inet.getPort();
      }
    }
    return server.getPort();
  }

  /**
   * Returns the address clients and workers connect to.
   *
   * @return {@code 127.0.0.1:PORT}
   */
  public String target() {
    return HOST + ":" + port;
  }

  /**
   * Returns the port the server listens on.
   *
   * @return the bound port (never 0)
   */
  public int port() {
    return port;
  }

  /** Stops the server, waiting briefly for in-flight calls; every workflow is lost. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    try {
      if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
        server.shutdownNow();
        server.awaitTermination(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      services.close();
    }
  }
}
