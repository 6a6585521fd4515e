package dev.cosinerepro.datasets.hierarchy;

import dev.cosinerepro.datasets.DatasetException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads hierarchy text files: edge lists with one edge per line, either {@code parent child} (the
 * files of Barz &amp; Denzler's code release) or {@code child parent} (NABirds' {@code
 * hierarchy.txt}), and {@code id name} lists (the name is the rest of the line). Ids are integers;
 * blank lines are skipped. Every error names the file and the line.
 */
public final class HierarchyReader {
  private HierarchyReader() {}

  /** Reads a {@code parent child} edge list; see {@link #parentChild(InputStream, String)}. */
  public static Hierarchy parentChild(Path file) {
    try (InputStream in = open(file)) {
      return parentChild(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + file + " failed", e);
    }
  }

  /**
   * Reads a {@code parent child} edge list.
   *
   * @param in the UTF-8 text (not closed)
   * @param source the file's name, for messages
   * @throws DatasetException naming the source and line for an empty file, a line that is not two
   *     ids, a non-numeric id, and every structural error of {@link Hierarchy.Builder}
   */
  public static Hierarchy parentChild(InputStream in, String source) {
    return edges(in, source, false);
  }

  /** Reads a {@code child parent} edge list; see {@link #childParent(InputStream, String)}. */
  public static Hierarchy childParent(Path file) {
    try (InputStream in = open(file)) {
      return childParent(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + file + " failed", e);
    }
  }

  /**
   * Reads a {@code child parent} edge list such as NABirds' {@code hierarchy.txt}.
   *
   * @param in the UTF-8 text (not closed)
   * @param source the file's name, for messages
   * @throws DatasetException as {@link #parentChild(InputStream, String)}
   */
  public static Hierarchy childParent(InputStream in, String source) {
    return edges(in, source, true);
  }

  /** Reads an {@code id name} list; see {@link #idNames(InputStream, String)}. */
  public static Map<Integer, String> idNames(Path file) {
    try (InputStream in = open(file)) {
      return idNames(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + file + " failed", e);
    }
  }

  /**
   * Reads {@code id name} lines; the name is the rest of the line, stripped.
   *
   * @param in the UTF-8 text (not closed)
   * @param source the file's name, for messages
   * @return the names by id, ascending
   * @throws DatasetException naming the source and line for an empty file, a line without a name, a
   *     non-numeric id or a repeated id
   */
  public static Map<Integer, String> idNames(InputStream in, String source) {
    Map<Integer, String> names = new TreeMap<>();
    Map<Integer, Integer> lineOf = new TreeMap<>();
    for (NumberedLine line : lines(in, source)) {
      String[] parts = line.text().split("\\s+", 2);
      if (parts.length != 2) {
        throw new DatasetException(
            source
                + " line "
                + line.number()
                + " ('"
                + line.text()
                + "') is not an 'id name' pair; give every id a name.");
      }
      int id = id(parts[0], source, line.number());
      Integer previous = lineOf.put(id, line.number());
      if (previous != null) {
        throw new DatasetException(
            source
                + " line "
                + line.number()
                + " names id "
                + id
                + " again (line "
                + previous
                + " named it first); keep one name per id.");
      }
      names.put(id, parts[1].strip());
    }
    return names;
  }

  private static Hierarchy edges(InputStream in, String source, boolean childFirst) {
    String layout = childFirst ? "'child parent'" : "'parent child'";
    Hierarchy.Builder builder = Hierarchy.builder(source);
    for (NumberedLine line : lines(in, source)) {
      String[] parts = line.text().split("\\s+");
      if (parts.length != 2) {
        throw new DatasetException(
            source
                + " line "
                + line.number()
                + " ('"
                + line.text()
                + "') is not a "
                + layout
                + " pair of node ids; write exactly one edge per line.");
      }
      int first = id(parts[0], source, line.number());
      int second = id(parts[1], source, line.number());
      if (childFirst) {
        builder.edge(second, first, "line " + line.number());
      } else {
        builder.edge(first, second, "line " + line.number());
      }
    }
    return builder.build();
  }

  private static int id(String token, String source, int line) {
    try {
      return Integer.parseInt(token);
    } catch (NumberFormatException e) {
      throw new DatasetException(
          source
              + " line "
              + line
              + " has '"
              + token
              + "' where a numeric node id belongs; use integer ids.",
          e);
    }
  }

  private record NumberedLine(int number, String text) {}

  private static List<NumberedLine> lines(InputStream in, String source) {
    List<NumberedLine> result = new ArrayList<>();
    try {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String text;
      int number = 0;
      while ((text = reader.readLine()) != null) {
        number++;
        if (number == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1);
        }
        String stripped = text.strip();
        if (!stripped.isEmpty()) {
          result.add(new NumberedLine(number, stripped));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + source + " failed", e);
    }
    if (result.isEmpty()) {
      throw new DatasetException(
          source + " is empty; supply the complete file (one entry per line).");
    }
    return result;
  }

  private static InputStream open(Path file) throws IOException {
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new DatasetException(file + " does not exist; supply the hierarchy file there.", e);
    }
  }
}
