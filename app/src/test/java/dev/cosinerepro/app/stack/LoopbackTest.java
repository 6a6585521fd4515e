package dev.cosinerepro.app.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Proves that the probe the other tests rely on tells the two cases apart on this machine. */
class LoopbackTest {

  @Test
  void aWildcardListenerIsDetected() throws Exception {
    try (ServerSocket wildcard = new ServerSocket()) {
      wildcard.bind(new InetSocketAddress("0.0.0.0", 0));
      assertThat(Loopback.boundToLoopbackOnly(wildcard.getLocalPort())).isFalse();
    }
  }

  @Test
  void aLoopbackListenerPasses() throws Exception {
    try (ServerSocket loopback = new ServerSocket()) {
      loopback.bind(new InetSocketAddress("127.0.0.1", 0));
      assertThat(Loopback.boundToLoopbackOnly(loopback.getLocalPort())).isTrue();
    }
  }
}
