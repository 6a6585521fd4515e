package dev.cosinerepro.app.stack;

/**
 * The ports the embedded stack listens on, all on 127.0.0.1. Port 0 picks a free ephemeral port
 * (the default, and what tests use); the actual addresses are then read from the started stack.
 *
 * @param temporal the Temporal gRPC port (a cluster's default is 7233)
 * @param s3 the S3 API port (MinIO's default is 9000)
 * @param metrics the Prometheus scrape port
 */
public record StackPorts(int temporal, int s3, int metrics) {

  /** Validates that every port is 0 (ephemeral) or 1 to 65535. */
  public StackPorts {
    check("Temporal", temporal);
    check("S3", s3);
    check("metrics", metrics);
  }

  /**
   * Returns ports that are all chosen by the operating system.
   *
   * @return {@code (0, 0, 0)}
   */
  public static StackPorts ephemeral() {
    return new StackPorts(0, 0, 0);
  }

  /**
   * Checks that a port is 0 (a free one) or in range.
   *
   * @param service the service the port is for, named in the message
   * @param port the port
   * @throws IllegalArgumentException if it is out of range
   */
  public static void check(String service, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "The "
              + service
              + " port "
              + port
              + " is out of range: use 1 to 65535, or 0 for a free port.");
    }
  }
}
