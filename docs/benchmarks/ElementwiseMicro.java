// The element-wise operators alone under DJL (docs/benchmarks.md, "Memory format"). From the repository root,
// after a build, with the launcher's memory setting:
//   javac -d /tmp/micro -cp "app/target/lib/*" docs/benchmarks/ElementwiseMicro.java
//   GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=17179869184 DJL_OFFLINE=true \
//     java -Dai.djl.offline=true -cp "app/target/lib/*:/tmp/micro" ElementwiseMicro
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
public class ElementwiseMicro {
  public static void main(String[] a) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(new Shape(500, 16, 32, 32));
      NDArray cl = x.transpose(0,2,3,1).reshape(-1).reshape(500,32,32,16).transpose(0,3,1,2);
      NDArray y = m.randomNormal(new Shape(500, 16, 32, 32));
      NDArray ycl = y.transpose(0,2,3,1).reshape(-1).reshape(500,32,32,16).transpose(0,3,1,2);
      for (int r = 0; r < 3; r++) {
        for (String name : new String[] {"relu-cont", "relu-cl", "add-cont", "add-cl"}) {
          long best = Long.MAX_VALUE;
          for (int i = 0; i < 20; i++) {
            try (NDManager s = m.newSubManager()) {
              long t = System.nanoTime();
              NDArray out = switch (name) {
                case "relu-cont" -> ai.djl.nn.Activation.relu(x);
                case "relu-cl" -> ai.djl.nn.Activation.relu(cl);
                case "add-cont" -> x.add(y);
                default -> cl.add(ycl);
              };
              long d = System.nanoTime() - t;
              out.close();
              best = Math.min(best, d);
            }
          }
          System.out.printf("java %s best %.2f ms%n", name, best / 1e6);
        }
      }
    }
  }
}
