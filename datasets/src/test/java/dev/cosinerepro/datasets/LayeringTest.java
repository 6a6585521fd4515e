package dev.cosinerepro.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of this module form one layering: every main source file imports from its own
 * package or from packages earlier in {@link #ORDER}, never from a later one, so there are no
 * cycles between packages. A new package must be placed in the order.
 */
class LayeringTest {
  /** The packages under {@code dev.cosinerepro.datasets}, lowest first ("" is the root). */
  static final List<String> ORDER =
      List.of("", "io", "image", "sampling", "transform", "batch", "catalog", "cache", "hierarchy");

  private static final Path SOURCES = Path.of("src/main/java/dev/cosinerepro/datasets");

  private static final Pattern IMPORT =
      Pattern.compile(
          "^import\\s+(?:static\\s+)?dev\\.cosinerepro\\.datasets\\.([\\w.]+);", Pattern.MULTILINE);

  @Test
  void noPackageImportsALaterOne() throws IOException {
    List<String> violations = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SOURCES)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      String own = layerOf(SOURCES.relativize(file.getParent()).toString().replace('/', '.'));
      int ownRank = rank(own, file);
      Matcher m = IMPORT.matcher(Files.readString(file));
      while (m.find()) {
        String target = layerOf(packageOf(m.group(1)));
        if (rank(target, file) > ownRank) {
          violations.add(
              SOURCES.relativize(file)
                  + " (layer '"
                  + own
                  + "') imports dev.cosinerepro.datasets."
                  + m.group(1)
                  + " from the later layer '"
                  + target
                  + "'");
        }
      }
    }
    assertThat(violations).as("imports against the order %s", ORDER).isEmpty();
  }

  /** The package part of an imported name: everything before the first capitalised segment. */
  private static String packageOf(String imported) {
    List<String> parts = new ArrayList<>();
    for (String part : imported.split("\\.")) {
      if (Character.isUpperCase(part.charAt(0))) {
        break;
      }
      parts.add(part);
    }
    return String.join(".", parts);
  }

  /** The first segment of a package below {@code datasets}: sub-packages share their layer. */
  private static String layerOf(String pkg) {
    int dot = pkg.indexOf('.');
    return dot < 0 ? pkg : pkg.substring(0, dot);
  }

  private static int rank(String layer, Path file) {
    int rank = ORDER.indexOf(layer);
    if (rank < 0) {
      throw new AssertionError(
          file + " uses the package '" + layer + "', which is not placed in " + ORDER);
    }
    return rank;
  }
}
