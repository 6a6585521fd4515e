package dev.cosinerepro.app.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Tells whether a port is bound to 127.0.0.1 only, without sending a byte anywhere: on Linux every
 * 127/8 address is local, and 127.0.0.2 can take the same port only if nothing listens on the
 * wildcard address.
 */
final class Loopback {

  private Loopback() {}

  static boolean boundToLoopbackOnly(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress("127.0.0.2", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
