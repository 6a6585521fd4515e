package dev.cosinerepro.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import org.junit.jupiter.api.Test;

/** {@link NativeHeap} against real allocations through the C library's {@code malloc}. */
class NativeHeapTest {
  private static final long BLOCK = 64L << 20;
  // What the JVM's other threads (GC, JIT, what earlier tests left running) may allocate or free
  // meanwhile.
  private static final long SLACK = 16L << 20;

  @Test
  void countsABlockWhileItIsAllocatedAndNotAfterItIsFreed() {
    NativeHeap.Usage before = NativeHeap.current().orElseThrow(); // Debian 12 has glibc 2.36
    NativeHeap.Usage during;
    try (Memory block = new Memory(BLOCK)) {
      block.setByte(BLOCK - 1, (byte) 1);
      during = NativeHeap.current().orElseThrow();
    }
    NativeHeap.Usage after = NativeHeap.current().orElseThrow();

    assertThat(during.inUseBytes() - before.inUseBytes()).isBetween(BLOCK - SLACK, BLOCK + SLACK);
    assertThat(during.heldBytes()).isGreaterThanOrEqualTo(during.inUseBytes());
    assertThat(after.inUseBytes()).isLessThan(during.inUseBytes() - BLOCK + SLACK);
    assertThat(during.inUseMebibytes()).isEqualTo(during.inUseBytes() / 1048576.0);
  }
}
