// What one checkpoint commit asks of the embedded object store (docs/benchmarks.md, "Orchestration"): the same calls
// RunRecord.Chunk.commitEpoch makes, timed one by one against the embedded s3proxy on 127.0.0.1. From the repository
// root, after a build (./repro --help builds it):
//   javac -d /tmp/store -cp "app/target/lib/*:app/target/repro.jar" docs/benchmarks/StoreMicro.java
//   java -cp "app/target/lib/*:app/target/repro.jar:/tmp/store" StoreMicro
import dev.cosinerepro.app.stack.EmbeddedS3;
import dev.cosinerepro.app.stack.S3Credentials;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.S3Settings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.*;
import java.util.Map;
import java.util.TreeMap;
public class StoreMicro {
  /** CPU time so far by thread name (digits folded), for the threads this JVM knows (not GC or JIT). */
  static Map<String, Long> threadCpu() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> cpu = new TreeMap<>();
    for (long id : threads.getAllThreadIds()) {
      ThreadInfo info = threads.getThreadInfo(id);
      long nanos = threads.getThreadCpuTime(id);
      if (info != null && nanos > 0) cpu.merge(info.getThreadName().replaceAll("[0-9]+", "N"), nanos, Long::sum);
    }
    return cpu;
  }

  public static void main(String[] a) throws Exception {
    Path dir = Files.createTempDirectory("s3micro");
    S3Credentials c = new S3Credentials("accesskey123", "secretkey12345678");
    try (EmbeddedS3 s3 = EmbeddedS3.start(dir, c, 0)) {
      ObjectStore store = ObjectStore.connect(new S3Settings(s3.endpoint(), c.accessKey(), c.secretKey(), "repro"));
      byte[] small = new byte[300];
      byte[] big = new byte[2_200_000];
      Path f = Files.createTempFile("ck", ".bin"); Files.write(f, big);
      for (int round = 0; round < 3; round++) {
        long t = System.nanoTime();
        for (int i = 0; i < 20; i++) store.put("k/small-" + i, small, "application/json");
        long t2 = System.nanoTime();
        for (int i = 0; i < 10; i++) store.putFile("k/big-" + i, f, "application/octet-stream");
        long t3 = System.nanoTime();
        for (int i = 0; i < 10; i++) store.putIfAbsent("k/m-" + round + "-" + i, small, "application/json");
        long t4 = System.nanoTime();
        for (int i = 0; i < 10; i++) store.delete("k/big-" + i);
        long t5 = System.nanoTime();
        System.out.printf("put small %.1f ms, putFile 2.2MB %.1f ms, putIfAbsent %.1f ms, delete %.1f ms%n",
            (t2 - t) / 20e6, (t3 - t2) / 10e6, (t4 - t3) / 10e6, (t5 - t4) / 10e6);
      }
      // Whose CPU an upload of the checkpoint takes: the client's threads, the embedded server's, and the rest.
      var os = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
      Map<String, Long> before = threadCpu();
      long process = os.getProcessCpuTime();
      for (int i = 0; i < 100; i++) store.putFile("k/cpu-" + (i % 5), f, "application/octet-stream");
      System.out.printf("putFile 2.2MB: %.1f ms of process CPU each, of which by thread:%n", (os.getProcessCpuTime() - process) / 100e6);
      threadCpu().forEach((name, nanos) -> {
        long spent = nanos - before.getOrDefault(name, 0L);
        if (spent > 1_000_000) System.out.printf("  %-40s %.2f ms%n", name, spent / 100e6);
      });
    }
  }
}
