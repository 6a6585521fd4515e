package dev.cosinerepro.datasets.io;

import dev.cosinerepro.datasets.DatasetException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/**
 * Reads the MATLAB level-5 {@code .mat} files of Flowers-102 and Stanford Cars (via the mfl-core
 * library) and turns a missing variable, a wrong type or a damaged file into one clear {@link
 * DatasetException} naming the file and the variable.
 */
public final class MatFiles {
  private MatFiles() {}

  /**
   * Reads a whole {@code .mat} file.
   *
   * @param file the file
   * @return the parsed file
   * @throws DatasetException if it is missing or not a readable MAT-file
   */
  public static Mat5File read(Path file) {
    try {
      return Mat5.readFromFile(file.toFile());
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new DatasetException(file + " does not exist; put the dataset's .mat file there.", e);
    } catch (IOException | RuntimeException e) {
      throw new DatasetException(
          file
              + " is not a readable MATLAB 5 .mat file ("
              + e.getMessage()
              + "); replace it with an intact copy.",
          e);
    }
  }

  /**
   * A numeric array variable, flattened in MATLAB (column-major) order, as ints.
   *
   * @throws DatasetException if the variable is missing, not numeric or not integral
   */
  public static int[] integers(Mat5File mat, String name, Path file) {
    Matrix matrix = variable(mat, name, file, Matrix.class);
    int[] values = new int[matrix.getNumElements()];
    for (int i = 0; i < values.length; i++) {
      double v = matrix.getDouble(i);
      if (v != Math.rint(v)) {
        throw new DatasetException(
            file
                + " variable '"
                + name
                + "' holds "
                + v
                + " where a whole number belongs;"
                + " replace the file with an intact copy.");
      }
      values[i] = (int) v;
    }
    return values;
  }

  /**
   * A cell array of strings, in element order.
   *
   * @throws DatasetException if the variable is missing or an element is not text
   */
  public static List<String> strings(Mat5File mat, String name, Path file) {
    Cell cell = variable(mat, name, file, Cell.class);
    List<String> out = new ArrayList<>(cell.getNumElements());
    for (int i = 0; i < cell.getNumElements(); i++) {
      Array element = cell.get(i);
      if (!(element instanceof Char text)) {
        throw wrongType(file, name + "{" + (i + 1) + "}", "text");
      }
      out.add(text.getString());
    }
    return out;
  }

  /**
   * A struct array variable.
   *
   * @throws DatasetException if the variable is missing or not a struct, or lacks a field
   */
  public static Struct struct(Mat5File mat, String name, Path file, String... requiredFields) {
    Struct struct = variable(mat, name, file, Struct.class);
    for (String field : requiredFields) {
      if (!struct.getFieldNames().contains(field)) {
        throw new DatasetException(
            file
                + " variable '"
                + name
                + "' has no field '"
                + field
                + "'; replace the file with an intact copy.");
      }
    }
    return struct;
  }

  /** A text field of one struct element. */
  public static String text(Struct struct, String field, int index, Path file) {
    Array value = struct.get(field, index);
    if (!(value instanceof Char text)) {
      throw wrongType(file, field + "(" + (index + 1) + ")", "text");
    }
    return text.getString();
  }

  /** A whole-number field of one struct element. */
  public static int integer(Struct struct, String field, int index, Path file) {
    Array value = struct.get(field, index);
    if (!(value instanceof Matrix matrix) || matrix.getNumElements() != 1) {
      throw wrongType(file, field + "(" + (index + 1) + ")", "a number");
    }
    double v = matrix.getDouble(0);
    if (v != Math.rint(v)) {
      throw wrongType(file, field + "(" + (index + 1) + ")", "a whole number");
    }
    return (int) v;
  }

  private static <T extends Array> T variable(Mat5File mat, String name, Path file, Class<T> type) {
    Array array;
    try {
      array = mat.getArray(name);
    } catch (IllegalArgumentException e) {
      throw new DatasetException(
          file + " has no variable '" + name + "'; check that the right .mat file is there.", e);
    }
    if (!type.isInstance(array)) {
      throw wrongType(file, name, type.getSimpleName().toLowerCase(java.util.Locale.ROOT));
    }
    return type.cast(array);
  }

  private static DatasetException wrongType(Path file, String what, String expected) {
    return new DatasetException(
        file
            + " has '"
            + what
            + "' that is not "
            + expected
            + "; check that the right .mat file is there.");
  }
}
