package dev.cosinerepro.datasets.catalog;

import dev.cosinerepro.datasets.io.Checksum;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/** Builders for tiny fake dataset files in the real on-disk layout. */
public final class FakeFiles {
  private FakeFiles() {}

  /** Ordered archive members: name to content. */
  public static final class Members {
    final Map<String, byte[]> entries = new LinkedHashMap<>();

    Members text(String name, String content) {
      entries.put(name, content.getBytes(StandardCharsets.UTF_8));
      return this;
    }

    Members bytes(String name, byte[] content) {
      entries.put(name, content);
      return this;
    }

    /** A real tiny JPEG whose size (40-55 x 40-47) and colours follow from its name. */
    Members image(String name) {
      int h = name.hashCode();
      return bytes(name, jpeg(40 + Math.floorMod(h, 8), 40 + Math.floorMod(h >> 3, 16), h));
    }
  }

  /** A JPEG of {@code height x width} with smooth colour gradients drawn from {@code seed}. */
  public static byte[] jpeg(int height, int width, long seed) {
    java.awt.image.BufferedImage image =
        new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.util.Random random = new java.util.Random(seed);
    int r0 = random.nextInt(200);
    int g0 = random.nextInt(200);
    int b0 = random.nextInt(200);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int r = (r0 + x) & 0xff;
        int g = (g0 + y) & 0xff;
        int b = (b0 + x + y) & 0xff;
        image.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    try (java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
      javax.imageio.ImageIO.write(image, "jpeg", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static void tarGz(Path file, Members members) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(file));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> e : members.entries.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
  }

  /** A 1 x n double row vector. */
  public static Matrix row(int... values) {
    Matrix m = Mat5.newMatrix(1, values.length);
    for (int i = 0; i < values.length; i++) {
      m.setDouble(i, values[i]);
    }
    return m;
  }

  public static Cell strings(String... values) {
    Cell cell = Mat5.newCell(1, values.length);
    for (int i = 0; i < values.length; i++) {
      cell.set(i, Mat5.newString(values[i]));
    }
    return cell;
  }

  /** A Stanford-Cars style 1 x n annotations struct. */
  public static Struct carAnnotations(String[] fnames, int[] classes) {
    Struct s = Mat5.newStruct(1, fnames.length);
    for (int i = 0; i < fnames.length; i++) {
      s.set("bbox_x1", i, Mat5.newScalar(1));
      s.set("bbox_y1", i, Mat5.newScalar(1));
      s.set("bbox_x2", i, Mat5.newScalar(9));
      s.set("bbox_y2", i, Mat5.newScalar(9));
      s.set("class", i, Mat5.newScalar(classes[i]));
      s.set("fname", i, Mat5.newString(fnames[i]));
    }
    return s;
  }

  public static byte[] mat(Map<String, us.hebi.matlab.mat.types.Array> variables)
      throws IOException {
    MatFile mat = Mat5.newMatFile();
    variables.forEach(mat::addArray);
    Path temp = Files.createTempFile("fake", ".mat");
    try {
      Mat5.writeToFile(mat, temp.toFile());
      return Files.readAllBytes(temp);
    } finally {
      Files.delete(temp);
    }
  }

  /** The declared files with checksums replaced by those of the fakes in {@code folder}. */
  public static List<DatasetFile> rechecksum(List<DatasetFile> declared, Path folder) {
    List<DatasetFile> out = new ArrayList<>();
    for (DatasetFile file : declared) {
      Checksum any = Checksum.sha256("0".repeat(64));
      out.add(file.withChecksum(Checksum.sha256(any.compute(folder.resolve(file.name())))));
    }
    return out;
  }
}
