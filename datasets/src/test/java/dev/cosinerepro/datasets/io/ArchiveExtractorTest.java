package dev.cosinerepro.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.datasets.DatasetException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveExtractorTest {
  @TempDir Path dir;

  /** Writes a tar (gzip-compressed if {@code gzip}) with entries added by {@code body}. */
  private Path tar(String name, boolean gzip, TarBody body) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream out = gzip ? new GzipCompressorOutputStream(raw) : raw;
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      body.write(tar);
    }
    return file;
  }

  interface TarBody {
    void write(TarArchiveOutputStream tar) throws IOException;
  }

  private static void file(TarArchiveOutputStream tar, String name, String content)
      throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name, true);
    entry.setSize(bytes.length);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  private static void link(TarArchiveOutputStream tar, String name, String target, byte type)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, type);
    entry.setLinkName(target);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  private Path zip(String name, Consumer<ZipArchiveOutputStream> body) throws IOException {
    Path file = dir.resolve(name);
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
      body.accept(zip);
    }
    return file;
  }

  @Test
  void extractsTarGzTarAndZip() throws IOException {
    TarBody body =
        tar -> {
          file(tar, "top/a.txt", "alpha");
          file(tar, "./top/sub/b.txt", "beta");
          link(tar, "top/link", "a.txt", TarConstants.LF_SYMLINK);
          link(tar, "top/hard", "top/a.txt", TarConstants.LF_LINK);
        };
    for (boolean gzip : new boolean[] {true, false}) {
      Path out = ArchiveExtractor.extract(tar("t" + gzip, gzip, body), dir.resolve("out" + gzip));
      assertThat(Files.readString(out.resolve("top/a.txt"))).isEqualTo("alpha");
      assertThat(Files.readString(out.resolve("top/sub/b.txt"))).isEqualTo("beta");
      assertThat(Files.readString(out.resolve("top/link"))).isEqualTo("alpha");
      assertThat(Files.readString(out.resolve("top/hard"))).isEqualTo("alpha");
    }
    Path zip =
        zip(
            "z.zip",
            z -> {
              try {
                z.putArchiveEntry(new ZipArchiveEntry("d/c.txt"));
                z.write("gamma".getBytes(StandardCharsets.UTF_8));
                z.closeArchiveEntry();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    Path out = ArchiveExtractor.extract(zip, dir.resolve("zipout"));
    assertThat(Files.readString(out.resolve("d/c.txt"))).isEqualTo("gamma");
  }

  private void assertRejected(Path archive, String why) {
    Path target = dir.resolve("target-" + archive.getFileName());
    assertThatThrownBy(() -> ArchiveExtractor.extract(archive, target))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(archive.toString())
        .hasMessageContaining(why);
    assertThat(Files.exists(target)).isFalse();
    assertThat(Files.exists(dir.resolve(target.getFileName() + ".partial"))).isFalse();
  }

  @Test
  void rejectsTraversalLinksSpecialFilesAndBombs() throws IOException {
    assertRejected(tar("abs.tar", false, t -> file(t, "/etc/x", "x")), "absolute path");
    assertRejected(tar("dots.tgz", true, t -> file(t, "a/../../x", "x")), "contains '..'");
    assertRejected(
        tar("sym.tar", false, t -> link(t, "evil", "../../outside", TarConstants.LF_SYMLINK)),
        "outside the destination");
    assertRejected(
        tar("symabs.tar", false, t -> link(t, "evil", "/etc/passwd", TarConstants.LF_SYMLINK)),
        "absolute path");
    assertRejected(
        tar("hard.tar", false, t -> link(t, "evil", "../x", TarConstants.LF_LINK)),
        "contains '..'");
    assertRejected(
        tar(
            "through.tar",
            false,
            t -> {
              link(t, "inside", "sub", TarConstants.LF_SYMLINK);
              file(t, "inside/x", "x");
            }),
        "written through a link");
    assertRejected(
        tar(
            "fifo.tar",
            false,
            t -> {
              file(t, "ok.txt", "fine");
              link(t, "pipe", "", TarConstants.LF_FIFO);
            }),
        "special file");
    assertRejected(
        tar("dev.tar", false, t -> link(t, "dev", "", TarConstants.LF_CHR)), "special file");
    Path big = tar("big.tgz", true, t -> file(t, "zeros", "0".repeat(10_000)));
    assertThatThrownBy(() -> ArchiveExtractor.extract(big, dir.resolve("bigout"), 1000))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("expands beyond the limit of 1000 bytes");
    assertThat(Files.exists(dir.resolve("bigout"))).isFalse();
  }

  @Test
  void rejectsNonArchivesCorruptArchivesAndExistingDestinations() throws IOException {
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "hello");
    assertRejected(text, "is not a tar, tar.gz or zip archive");
    Path good = tar("good.tgz", true, t -> file(t, "a", "x".repeat(100_000)));
    byte[] bytes = Files.readAllBytes(good);
    Path cut = dir.resolve("cut.tgz");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertRejected(cut, "could not be extracted");
    Files.createDirectories(dir.resolve("exists"));
    assertThatThrownBy(() -> ArchiveExtractor.extract(good, dir.resolve("exists")))
        .hasMessageContaining("already exists");
  }
}
