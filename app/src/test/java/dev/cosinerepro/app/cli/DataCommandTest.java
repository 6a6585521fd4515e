package dev.cosinerepro.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.app.exit.ExitCodes;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code repro data prepare|info} on a tiny image folder of real JPEGs. */
class DataCommandTest {
  @TempDir Path dir;

  private Result run(String... args) {
    CommandLine line = ReproCommand.commandLine(Map.of());
    if (!line.getSubcommands().containsKey("data")) {
      line.addSubcommand(new DataCommand());
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    String[] full = new String[args.length + 1];
    full[0] = "data";
    System.arraycopy(args, 0, full, 1, args.length);
    return new Result(line.execute(full), out.toString(), err.toString());
  }

  private record Result(int exitCode, String out, String err) {}

  private Path folder(boolean withBadImage) throws IOException {
    Path folder = dir.resolve("pets");
    int n = 0;
    for (String name : List.of("train/cat/1.jpg", "train/dog/2.jpg", "test/cat/3.jpg")) {
      Path file = folder.resolve(name);
      Files.createDirectories(file.getParent());
      BufferedImage image = new BufferedImage(60, 40, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < 40; y++) {
        for (int x = 0; x < 60; x++) {
          image.setRGB(x, y, (x * 4 + n) << 16 | (y * 6) << 8 | 128);
        }
      }
      ImageIO.write(image, "jpeg", file.toFile());
      n += 50;
    }
    if (withBadImage) {
      Files.write(folder.resolve("train/dog/bad.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, 7});
    }
    return folder;
  }

  private String home() {
    return dir.resolve("home").toString();
  }

  @Test
  void prepareBuildsTheCacheOnceAndInfoDescribesIt() throws IOException {
    String name = "folder:" + folder(false);
    Result first = run("prepare", name, "--side", "32", "--data-home", home());
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out()).contains("prepared folder:", "train:    2", "test:     1");
    Path manifest;
    try (var caches = Files.list(dir.resolve("home/cache"))) {
      manifest = caches.toList().get(0).resolve("manifest.json");
    }
    FileTime written = Files.getLastModifiedTime(manifest);

    Result second = run("prepare", name, "--side", "32", "--data-home", home());
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.out()).contains("is already prepared in");
    assertThat(Files.getLastModifiedTime(manifest)).isEqualTo(written);

    Result info = run("info", name, "--data-home", home());
    assertThat(info.exitCode()).as(info.toString()).isZero();
    assertThat(info.out())
        .contains("cache:    " + manifest.getParent())
        .contains("shards, smaller side at most 32, jpeg")
        .contains("classes:  2", "train:    2", "test:     1", "skipped:  0")
        .containsPattern("mean: +[0-9.]+ [0-9.]+ [0-9.]+ \\(train, 0-255\\)")
        .containsPattern("std: +[0-9.]+ [0-9.]+ [0-9.]+");
  }

  @Test
  void badImageFailsNamingTheFileOrIsSkippedAndListed() throws IOException {
    Path folder = folder(true);
    String name = "folder:" + folder;
    Result fail = run("prepare", name, "--data-home", home());
    assertThat(fail.exitCode()).as(fail.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(fail.err())
        .startsWith("repro: Image " + folder.resolve("train/dog/bad.jpg") + " cannot be decoded")
        .doesNotContain("\tat ");
    assertThat(fail.err().lines()).hasSize(1);

    Result skip = run("prepare", name, "--on-bad-image", "skip", "--data-home", home());
    assertThat(skip.exitCode()).as(skip.toString()).isZero();
    Result info = run("info", name, "--data-home", home());
    assertThat(info.out())
        .contains("train:    2", "skipped:  1")
        .contains("  train " + folder.resolve("train/dog/bad.jpg") + ": ");
  }

  @Test
  void mistakesAreOneLineWithExitCodeTwo() throws IOException {
    String name = "folder:" + folder(false);
    for (String[] args :
        List.of(
            new String[] {"prepare", "imagenet", "--data-home", home()},
            new String[] {"prepare", name, "--on-bad-image", "ignore", "--data-home", home()},
            new String[] {"prepare", name, "--encoding", "png", "--data-home", home()},
            new String[] {"prepare", name, "--source", home(), "--data-home", home()},
            new String[] {"prepare", "cub200", "--data-home", home()},
            new String[] {"info", name, "--data-home", home()})) {
      Result r = run(args);
      assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).as(r.toString()).startsWith("repro: ").doesNotContain("\tat ");
      assertThat(r.err().lines()).as(r.toString()).hasSize(1);
    }
    assertThat(run("info", name, "--data-home", home()).err())
        .contains("is not prepared in", "run 'repro data prepare " + name + "' first");
  }
}
