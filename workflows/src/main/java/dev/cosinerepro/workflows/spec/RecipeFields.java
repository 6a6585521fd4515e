package dev.cosinerepro.workflows.spec;

import java.util.Locale;

/** The checks and messages the recipe records share: one sentence naming the field and the fix. */
final class RecipeFields {
  private RecipeFields() {}

  static String text(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "The run spec field '" + field + "' is missing: give it a value.");
    }
    return value.strip();
  }

  static String text(String value, String field, String fallback) {
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  static int atLeast(Integer value, int fallback, int minimum, String field) {
    int v = value == null ? fallback : value;
    if (v < minimum) {
      throw invalid(field, v, "at least " + minimum);
    }
    return v;
  }

  static int between(Integer value, int fallback, int minimum, int maximum, String field) {
    int v = value == null ? fallback : value;
    if (v < minimum || v > maximum) {
      throw invalid(field, v, "between " + minimum + " and " + maximum);
    }
    return v;
  }

  static double nonNegative(Double value, double fallback, String field) {
    double v = value == null ? fallback : value;
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw invalid(field, v, "0 or a positive number");
    }
    return v;
  }

  static double fraction(Double value, double fallback, String field) {
    double v = value == null ? fallback : value;
    if (!(v >= 0 && v < 1)) {
      throw invalid(field, v, "at least 0 and below 1");
    }
    return v;
  }

  static double positive(Double value, double fallback, String field) {
    double v = value == null ? fallback : value;
    if (!(v > 0) || Double.isInfinite(v)) {
      throw invalid(field, v, "a positive number");
    }
    return v;
  }

  static String oneOf(String value, String fallback, java.util.List<String> valid, String field) {
    String v = text(value, field, fallback);
    if (!valid.contains(v)) {
      throw new IllegalArgumentException(
          "The run spec field '"
              + field
              + "' is '"
              + v
              + "': use one of "
              + String.join(", ", valid)
              + ".");
    }
    return v;
  }

  static IllegalArgumentException invalid(String field, Object value, String expected) {
    return new IllegalArgumentException(
        "The run spec field '" + field + "' is " + value + ": it must be " + expected + ".");
  }

  /** A number in its shortest round-trip form, integral values without a fraction. */
  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
