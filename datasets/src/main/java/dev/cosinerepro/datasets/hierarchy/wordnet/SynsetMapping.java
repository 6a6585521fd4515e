package dev.cosinerepro.datasets.hierarchy.wordnet;

import dev.cosinerepro.datasets.DatasetException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a curated class-to-synset mapping: UTF-8 text, lines starting with {@code #} are comments,
 * every other non-blank line is {@code label TAB class name TAB sense key [TAB why]}. Labels must
 * run 0, 1, 2, ... in file order, so the mapping lists the classes in label order.
 */
public final class SynsetMapping {
  private SynsetMapping() {}

  /**
   * Reads a mapping.
   *
   * @param in the text (not closed)
   * @param source its name, for messages
   * @throws DatasetException naming the source and line for a malformed line, a label out of order,
   *     or an empty mapping
   */
  public static List<ClassSynset> read(InputStream in, String source) {
    List<ClassSynset> classes = new ArrayList<>();
    try {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String text;
      int number = 0;
      while ((text = reader.readLine()) != null) {
        number++;
        if (text.isBlank() || text.startsWith("#")) {
          continue;
        }
        String[] fields = text.split("\t");
        if (fields.length < 3 || fields[1].isBlank() || fields[2].isBlank()) {
          throw new DatasetException(
              source
                  + " line "
                  + number
                  + " is not 'label<TAB>class name<TAB>sense key'; fix that line.");
        }
        int label;
        try {
          label = Integer.parseInt(fields[0].strip());
        } catch (NumberFormatException e) {
          throw new DatasetException(
              source
                  + " line "
                  + number
                  + " has '"
                  + fields[0]
                  + "' where a numeric label belongs; use the class's 0-based label.",
              e);
        }
        if (label != classes.size()) {
          throw new DatasetException(
              source
                  + " line "
                  + number
                  + " has label "
                  + label
                  + " where label "
                  + classes.size()
                  + " is next; list the classes in label order.");
        }
        classes.add(new ClassSynset(label, fields[1].strip(), fields[2].strip(), number));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + source + " failed", e);
    }
    if (classes.size() < 2) {
      throw new DatasetException(
          source + " maps fewer than two classes; a hierarchy needs at least two.");
    }
    return List.copyOf(classes);
  }
}
