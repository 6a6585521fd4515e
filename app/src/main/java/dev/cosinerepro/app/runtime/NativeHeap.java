package dev.cosinerepro.app.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;
import java.util.Optional;

/**
 * What glibc's {@code malloc} holds for this process, from {@code mallinfo2()}: the bytes handed
 * out and not yet freed, and the bytes it has taken from the system for them.
 *
 * <p>libtorch takes every tensor from {@code malloc}, so a native-memory leak (an array no manager
 * closes) shows as a growing {@link Usage#inUseBytes()}. Resident memory can grow without one: a
 * heap whose freed blocks are kept for reuse (the launcher's {@link MallocTunables}) can be too
 * fragmented to fit a new block and grows instead; {@link Usage#heldBytes()} then grows while the
 * bytes in use do not. glibc sums both over all its arenas and separately mapped blocks.
 */
public final class NativeHeap {

  private NativeHeap() {}

  /**
   * The allocator's figures.
   *
   * @param inUseBytes bytes allocated and not freed ({@code uordblks + hblkhd})
   * @param heldBytes bytes taken from the system for the heap and mapped blocks ({@code arena +
   *     hblkhd}); the difference to {@code inUseBytes} is free memory kept for reuse
   */
  public record Usage(long inUseBytes, long heldBytes) {
    /** The bytes in use, in MiB. */
    public double inUseMebibytes() {
      return inUseBytes / 1048576.0;
    }

    /** The bytes held, in MiB. */
    public double heldMebibytes() {
      return heldBytes / 1048576.0;
    }
  }

  /**
   * The allocator's figures now.
   *
   * @return them, or empty where the C library has no {@code mallinfo2} (not glibc 2.33 or later)
   */
  public static Optional<Usage> current() {
    C c = Holder.C_LIBRARY;
    if (c == null) {
      return Optional.empty();
    }
    MallInfo2.ByValue info = c.mallinfo2();
    return Optional.of(new Usage(info.uordblks + info.hblkhd, info.arena + info.hblkhd));
  }

  /** glibc's {@code struct mallinfo2}: every field a {@code size_t}. */
  @Structure.FieldOrder({
    "arena",
    "ordblks",
    "smblks",
    "hblks",
    "hblkhd",
    "usmblks",
    "fsmblks",
    "uordblks",
    "fordblks",
    "keepcost"
  })
  public static class MallInfo2 extends Structure {
    /** Bytes of the arenas taken from the system ({@code sbrk} and arena heaps). */
    public long arena;

    /** Free chunks. */
    public long ordblks;

    /** Free fast-bin chunks. */
    public long smblks;

    /** Blocks mapped on their own. */
    public long hblks;

    /** Bytes of the blocks mapped on their own. */
    public long hblkhd;

    /** Unused (always 0). */
    public long usmblks;

    /** Bytes in free fast-bin chunks. */
    public long fsmblks;

    /** Bytes allocated from the arenas and not freed. */
    public long uordblks;

    /** Bytes free in the arenas. */
    public long fordblks;

    /** Bytes at the top of the heap that could be trimmed. */
    public long keepcost;

    /** The structure returned by value. */
    public static class ByValue extends MallInfo2 implements Structure.ByValue {}
  }

  /** The C library function. */
  interface C extends Library {
    MallInfo2.ByValue mallinfo2();
  }

  /** Loads the C library once, on first use; null where it has no {@code mallinfo2}. */
  private static final class Holder {
    static final C C_LIBRARY = load();

    private static C load() {
      try {
        C c = Native.load("c", C.class);
        c.mallinfo2();
        return c;
      } catch (UnsatisfiedLinkError | RuntimeException e) {
        return null;
      }
    }
  }
}
