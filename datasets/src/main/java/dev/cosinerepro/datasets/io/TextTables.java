package dev.cosinerepro.datasets.io;

import dev.cosinerepro.datasets.DatasetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the whitespace-separated {@code key value} text files of CUB and NABirds. */
public final class TextTables {
  private TextTables() {}

  /** Non-empty lines of a UTF-8 text file. */
  public static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .map(String::strip)
          .filter(line -> !line.isEmpty())
          .toList();
    } catch (NoSuchFileException e) {
      throw new DatasetException(
          file + " does not exist; the dataset folder is incomplete, so extract it again.", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + file + " failed", e);
    }
  }

  /**
   * Reads {@code key value} lines (the value is the rest of the line, may contain spaces) in file
   * order.
   *
   * @throws DatasetException naming the file and line if a line has no value or a key repeats
   */
  public static Map<String, String> pairs(Path file) {
    Map<String, String> map = new LinkedHashMap<>();
    List<String> lines = lines(file);
    for (int i = 0; i < lines.size(); i++) {
      String[] parts = lines.get(i).split("\\s+", 2);
      if (parts.length != 2 || map.put(parts[0], parts[1].strip()) != null) {
        throw new DatasetException(
            file
                + " line "
                + (i + 1)
                + " is not a 'key value' pair with a new key ('"
                + lines.get(i)
                + "'); replace the file with an intact copy.");
      }
    }
    return map;
  }

  /** Parses an integer field, naming the file if it is not one. */
  public static int integer(String value, Path file) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new DatasetException(
          file + " has '" + value + "' where a number belongs; replace it with an intact copy.", e);
    }
  }
}
