package dev.cosinerepro.datasets.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.datasets.DatasetException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSetTest {
  static ImageSet tiny() {
    byte[] pixels = new byte[4 * 2 * 3 * 3];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 5);
    }
    return ImageSet.create(2, 3, 3, pixels, new int[] {0, 1, 2, 1}, List.of("a", "b", "ç"));
  }

  private static byte[] bytes(ImageSet set) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    set.write(out);
    return out.toByteArray();
  }

  @Test
  void accessorsAndSelect() {
    ImageSet set = tiny();
    assertThat(set.size()).isEqualTo(4);
    assertThat(set.numClasses()).isEqualTo(3);
    assertThat(set.imageBytes()).isEqualTo(18);
    assertThat(set.label(2)).isEqualTo(2);
    int[] labels = set.labels();
    labels[0] = 2;
    assertThat(set.label(0)).isZero();
    ImageSet picked = set.select(new int[] {3, 0});
    assertThat(picked.labels()).containsExactly(1, 0);
    assertThat(picked.image(0)).isEqualTo(set.image(3));
    assertThat(picked.classNames()).isEqualTo(set.classNames());
  }

  @Test
  void createRejectsInconsistentInput() {
    assertThatThrownBy(() -> ImageSet.create(2, 2, 1, new byte[7], new int[] {0, 0}, List.of("a")))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("holds 7 bytes");
    assertThatThrownBy(() -> ImageSet.create(1, 1, 1, new byte[1], new int[] {1}, List.of("a")))
        .hasMessageContaining("Label 1 of image 0 is outside 0..0");
    assertThatThrownBy(
            () -> ImageSet.create(1, 1, 1, new byte[1], new int[] {0}, List.of("a", "a")))
        .hasMessageContaining("repeated");
    assertThatThrownBy(() -> ImageSet.create(0, 1, 1, new byte[0], new int[0], List.of("a")))
        .hasMessageContaining("must be positive");
  }

  @Test
  void shardRoundTrip(@TempDir Path dir) throws IOException {
    ImageSet set = tiny();
    ImageSet back = ImageSet.read(new ByteArrayInputStream(bytes(set)));
    assertThat(back.labels()).isEqualTo(set.labels());
    assertThat(back.classNames()).isEqualTo(set.classNames());
    assertThat(back.image(3)).isEqualTo(set.image(3));
    Path file = dir.resolve("a/shard.bin");
    set.write(file);
    assertThat(ImageSet.read(file).labels()).isEqualTo(set.labels());
    assertThat(dir.resolve("a").toFile().list()).containsExactly("shard.bin");
  }

  @Test
  void corruptShardsAreRejected() throws IOException {
    byte[] good = bytes(tiny());
    byte[] flipped = good.clone();
    flipped[good.length - 10] ^= 1;
    assertThatThrownBy(() -> ImageSet.read(new ByteArrayInputStream(flipped)))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("CRC-32");
    for (int cut : new int[] {0, 3, 20, good.length - 1}) {
      assertThatThrownBy(() -> ImageSet.read(new ByteArrayInputStream(Arrays.copyOf(good, cut))))
          .isInstanceOf(DatasetException.class)
          .hasMessageContaining("truncated");
    }
    byte[] magic = good.clone();
    magic[0] = 'X';
    assertThatThrownBy(() -> ImageSet.read(new ByteArrayInputStream(magic)))
        .hasMessageContaining("not an image-set shard");
    byte[] version = good.clone();
    version[7] = 9;
    assertThatThrownBy(() -> ImageSet.read(new ByteArrayInputStream(version)))
        .hasMessageContaining("version 9");
    byte[] label = good.clone();
    // labels start after 7 ints and the three names (4+1, 4+1, 4+2 bytes)
    label[28 + 17 + 3] = 7;
    assertThatThrownBy(() -> ImageSet.read(new ByteArrayInputStream(label)))
        .isInstanceOf(DatasetException.class);
  }

  @Test
  void missingShardFileIsNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> ImageSet.read(dir.resolve("none.bin")))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("none.bin does not exist");
  }
}
