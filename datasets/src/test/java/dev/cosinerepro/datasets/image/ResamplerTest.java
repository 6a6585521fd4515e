package dev.cosinerepro.datasets.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The resampler's RGB path against its generic loop (each channel resized alone: the same products
 * in the same order), and the conventions it follows.
 */
class ResamplerTest {

  @ParameterizedTest(name = "{0}x{1} to shorter side {2}")
  @CsvSource({
    "375, 500, 512", // CUB-sized, enlarged to the 448 pipeline's 512
    "500, 333, 512",
    "500, 500, 256", // shrunk: wider triangle, more taps
    "1024, 683, 100",
    "37, 91, 448",
    "32, 32, 32" // same size: copied
  })
  void theRgbPathGivesTheGenericPathsBytes(int height, int width, int side) {
    Random random = new Random(height * 31L + width * 7L + side);
    byte[] image = new byte[height * width * 3];
    random.nextBytes(image);
    int[] size = Resampler.shorterSideTo(height, width, side);
    int crop = Math.min(Math.min(size[0], size[1]), 448);
    for (int trial = 0; trial < 5; trial++) {
      int top = random.nextInt(size[0] - crop + 1);
      int left = random.nextInt(size[1] - crop + 1);
      int rows = 1 + random.nextInt(crop);
      int cols = 1 + random.nextInt(crop);

      byte[] rgb =
          Resampler.resizeWindow(
              image, 0, height, width, 3, size[0], size[1], top, left, rows, cols);
      byte[] generic = new byte[rows * cols * 3];
      for (int c = 0; c < 3; c++) {
        byte[] plane = new byte[height * width];
        for (int i = 0; i < plane.length; i++) {
          plane[i] = image[i * 3 + c];
        }
        byte[] resized =
            Resampler.resizeWindow(
                plane, 0, height, width, 1, size[0], size[1], top, left, rows, cols);
        for (int i = 0; i < resized.length; i++) {
          generic[i * 3 + c] = resized[i];
        }
      }

      assertThat(rgb).hasSize(rows * cols * 3).isEqualTo(generic);
    }
  }

  /**
   * The bytes of windows of enlarged and shrunk RGB and grey images, as a digest recorded at commit
   * 0a58256, before the resampler's speed changes (the RGB column pass gives the same; so did a
   * version that converted the source rows to floats once, not kept: no faster): a faster loop that
   * changed a single byte of any 448-px input fails here.
   */
  @Test
  void windowsKeepTheBytesTheyHadBeforeAnySpeedChange() throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    Random random = new Random(11);
    int[][] cases = {
      {375, 500, 3, 512},
      {500, 333, 3, 512},
      {500, 500, 3, 256},
      {683, 1024, 3, 100},
      {37, 91, 3, 448},
      {375, 500, 1, 512},
      {500, 500, 1, 256}
    };
    for (int[] c : cases) {
      int height = c[0];
      int width = c[1];
      int channels = c[2];
      byte[] image = new byte[height * width * channels];
      random.nextBytes(image);
      int[] size = Resampler.shorterSideTo(height, width, c[3]);
      int crop = Math.min(Math.min(size[0], size[1]), 448);
      int top = random.nextInt(size[0] - crop + 1);
      int left = random.nextInt(size[1] - crop + 1);
      digest.update(
          Resampler.resizeWindow(
              image, 0, height, width, channels, size[0], size[1], top, left, crop, crop));
      digest.update(Resampler.resize(image, height, width, channels, size[0], size[1]));
    }
    String hex = HexFormat.of().formatHex(digest.digest());
    System.out.println("resampler digest " + hex);

    assertThat(hex).isEqualTo(GOLDEN);
  }

  private static final String GOLDEN =
      "5fd9a870b8cbc24af26a05f295a156265f310878a1b5f71d9d310ca44024d9c7";

  @Test
  void aWindowIsThatPartOfTheWholeResizedImage() {
    Random random = new Random(3);
    byte[] image = new byte[50 * 40 * 3];
    random.nextBytes(image);
    byte[] whole = Resampler.resize(image, 50, 40, 3, 70, 56);

    byte[] window = Resampler.resizeWindow(image, 0, 50, 40, 3, 70, 56, 10, 5, 20, 30);

    for (int y = 0; y < 20; y++) {
      for (int i = 0; i < 30 * 3; i++) {
        assertThat(window[y * 30 * 3 + i]).isEqualTo(whole[((10 + y) * 56 + 5) * 3 + i]);
      }
    }
  }

  @Test
  void aFlatImageStaysFlatAtEveryScale() {
    byte[] grey = new byte[30 * 20 * 3];
    Arrays.fill(grey, (byte) 200);

    for (int[] size : new int[][] {{60, 40}, {15, 10}, {7, 33}}) {
      byte[] out = Resampler.resize(grey, 30, 20, 3, size[0], size[1]);
      for (byte value : out) {
        assertThat(value & 0xff).isEqualTo(200);
      }
    }
  }

  @Test
  void theShorterSideIsTheOneSet() {
    assertThat(Resampler.shorterSideTo(375, 500, 512)).containsExactly(512, 683);
    assertThat(Resampler.shorterSideTo(500, 375, 512)).containsExactly(683, 512);
    assertThat(Resampler.shorterSideTo(10, 10_000, 1)).containsExactly(1, 1000);
  }
}
