// The integrity checksums the MinIO client can attach to an upload (ObjectStore.CHECKSUM), timed over 190 MiB, the
// size of a paper-scale ResNet-50 checkpoint with its momentum. From the repository root, after a build:
//   javac -d /tmp/checksum -cp "app/target/lib/*" docs/benchmarks/ChecksumMicro.java
//   java -Xmx2g -cp "app/target/lib/*:/tmp/checksum" ChecksumMicro
import io.minio.Checksum;
public class ChecksumMicro {
  public static void main(String[] a) throws Exception {
    byte[] data = new byte[190 << 20];
    new java.util.Random(1).nextBytes(data);
    for (Checksum.Algorithm algorithm :
        new Checksum.Algorithm[] {Checksum.Algorithm.CRC32C, Checksum.Algorithm.CRC32, Checksum.Algorithm.SHA256}) {
      for (int round = 0; round < 3; round++) {
        Checksum.Hasher hasher = algorithm.hasher();
        long started = System.nanoTime();
        hasher.update(data, 0, data.length);
        hasher.sum();
        System.out.printf("%s 190 MiB: %.3f s%n", algorithm, (System.nanoTime() - started) / 1e9);
      }
    }
  }
}
