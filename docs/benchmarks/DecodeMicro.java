// The 448 loader's per-image work, pure Java against OpenCV (docs/benchmarks.md, "Loaders": a native image path).
// OpenCV is not a dependency of this project (its jar with natives is 110 MB); this measures what it would give.
// From the repository root, after a build:
//   mvn -B -q dependency:get -Dtransitive=false -Dartifact=org.openpnp:opencv:4.9.0-0
//   ocv=~/.m2/repository/org/openpnp/opencv/4.9.0-0/opencv-4.9.0-0.jar
//   javac -d /tmp/decode -cp "app/target/lib/*:$ocv" docs/benchmarks/DecodeMicro.java
//   java -cp "app/target/lib/*:$ocv:/tmp/decode" DecodeMicro
// One thread; 96 synthetic CUB-sized JPEGs (500 x 375..500, the loader bench's); each stage timed over 5 passes, best
// pass reported in images/s. Stages: decode to RGB; decode + the 448 crop of the image resized to a shorter side of
// 512 (Java: PIL-style bilinear of the crop window, as CropPipeline; OpenCV: INTER_LINEAR of the whole image then the
// crop, and INTER_AREA, neither of which is PIL's filter, so the pixels differ).
import dev.cosinerepro.datasets.image.ImageDecoding;
import dev.cosinerepro.datasets.image.Resampler;
import dev.cosinerepro.datasets.image.SyntheticPhotos;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

public class DecodeMicro {
  interface Stage {
    long run(byte[] jpeg);
  }

  public static void main(String[] args) {
    nu.pattern.OpenCV.loadLocally();
    org.opencv.core.Core.setNumThreads(1);
    Random random = new Random(1);
    List<byte[]> jpegs = new ArrayList<>();
    for (int i = 0; i < 96; i++) {
      int[] size = SyntheticPhotos.cubLikeSize(random);
      jpegs.add(SyntheticPhotos.jpeg(size[0], size[1], random));
    }
    System.out.println("OpenCV " + org.opencv.core.Core.VERSION + ", 1 thread, 96 JPEGs, best of 5 passes");
    time("java decode", jpegs, j -> ImageDecoding.decode(j, "jpeg").pixels().length);
    time("opencv decode", jpegs, j -> decodeCv(j).total());
    time("java decode + resize/crop 448", jpegs, DecodeMicro::javaCrop);
    List<ImageDecoding.Rgb> decoded = new ArrayList<>();
    for (byte[] jpeg : jpegs) {
      decoded.add(ImageDecoding.decode(jpeg, "jpeg"));
    }
    int[] next = {0};
    time("java resize/crop 448 alone (decoded before)", jpegs, j -> javaWindow(decoded.get(next[0]++ % decoded.size())));
    time("opencv decode + resize (linear) + crop 448", jpegs, j -> cvCrop(j, Imgproc.INTER_LINEAR));
    time("opencv decode + resize (area) + crop 448", jpegs, j -> cvCrop(j, Imgproc.INTER_AREA));
  }

  static Mat decodeCv(byte[] jpeg) {
    Mat bgr = Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR);
    Mat rgb = new Mat();
    Imgproc.cvtColor(bgr, rgb, Imgproc.COLOR_BGR2RGB);
    bgr.release();
    return rgb;
  }

  static long javaCrop(byte[] jpeg) {
    return javaWindow(ImageDecoding.decode(jpeg, "jpeg"));
  }

  static long javaWindow(ImageDecoding.Rgb rgb) {
    int[] size = Resampler.shorterSideTo(rgb.height(), rgb.width(), 512);
    int top = (size[0] - 448) / 2;
    int left = (size[1] - 448) / 2;
    byte[] window =
        Resampler.resizeWindow(
            rgb.pixels(), 0, rgb.height(), rgb.width(), 3, size[0], size[1], top, left, 448, 448);
    return window.length;
  }

  static long cvCrop(byte[] jpeg, int interpolation) {
    Mat rgb = decodeCv(jpeg);
    int[] size = Resampler.shorterSideTo(rgb.rows(), rgb.cols(), 512);
    Mat resized = new Mat();
    Imgproc.resize(rgb, resized, new Size(size[1], size[0]), 0, 0, interpolation);
    Mat crop = new Mat(resized, new Rect((size[1] - 448) / 2, (size[0] - 448) / 2, 448, 448)).clone();
    byte[] out = new byte[448 * 448 * 3];
    crop.get(0, 0, out);
    rgb.release();
    resized.release();
    crop.release();
    return out.length;
  }

  static void time(String name, List<byte[]> jpegs, Stage stage) {
    double best = 0;
    long sink = 0;
    for (int pass = 0; pass < 6; pass++) {
      long start = System.nanoTime();
      for (byte[] jpeg : jpegs) {
        sink += stage.run(jpeg);
      }
      double rate = jpegs.size() / ((System.nanoTime() - start) / 1e9);
      if (pass > 0) {
        best = Math.max(best, rate);
      }
    }
    System.out.printf("%-45s %7.1f images/s (%d)%n", name, best, sink % 7);
  }
}
