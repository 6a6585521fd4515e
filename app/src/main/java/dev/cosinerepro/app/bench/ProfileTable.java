package dev.cosinerepro.app.bench;

import dev.cosinerepro.app.bench.OperatorTimes.OperatorTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One item's profiles side by side: the operators that take the most self time per step on either
 * side, then the rest together, the time inside operators, outside them, and the wall time.
 */
final class ProfileTable {
  /** Operators listed by name; the others are summed in one row. */
  static final int LISTED = 15;

  private ProfileTable() {}

  /**
   * The Markdown table of one item.
   *
   * @param item the item's name
   * @param repro this code's profile, or null
   * @param pytorch PyTorch's profile, or null
   * @return a heading and the table
   */
  static String markdown(String item, OperatorTimes repro, OperatorTimes pytorch) {
    Map<String, OperatorTime> ours = byName(repro);
    Map<String, OperatorTime> theirs = byName(pytorch);
    List<String> names = new ArrayList<>(ours.keySet());
    theirs.keySet().stream().filter(name -> !ours.containsKey(name)).forEach(names::add);
    names.sort(
        Comparator.comparingDouble(
                (String name) -> -Math.max(self(ours.get(name)), self(theirs.get(name))))
            .thenComparing(Comparator.naturalOrder()));
    StringBuilder out = new StringBuilder();
    out.append(
            String.format(
                Locale.ROOT,
                "%n%s, milliseconds per step (self time under libtorch's profiler; %s)%n%n",
                item,
                steps(repro, pytorch)))
        .append("| operator | repro | calls | PyTorch | calls | repro / PyTorch |\n")
        .append("|---|---:|---:|---:|---:|---:|\n");
    double oursRest = 0;
    double theirsRest = 0;
    for (int i = 0; i < names.size(); i++) {
      OperatorTime a = ours.get(names.get(i));
      OperatorTime b = theirs.get(names.get(i));
      if (i < LISTED) {
        out.append(row(names.get(i), a, b));
      } else {
        oursRest += self(a);
        theirsRest += self(b);
      }
    }
    if (names.size() > LISTED) {
      out.append(
          totalRow(
              "the other " + (names.size() - LISTED) + " operators",
              repro == null ? null : oursRest,
              pytorch == null ? null : theirsRest));
    }
    out.append(totalRow("**inside operators**", repro, pytorch, OperatorTimes::insideMillisPerStep))
        .append(
            totalRow(
                "**outside operators** (Java and JNI / Python, profiler)",
                repro,
                pytorch,
                OperatorTimes::outsideMillisPerStep))
        .append(
            totalRow(
                "**wall time of a profiled step**",
                repro,
                pytorch,
                OperatorTimes::wallMillisPerStep));
    return out.toString();
  }

  private static String steps(OperatorTimes repro, OperatorTimes pytorch) {
    List<String> parts = new ArrayList<>();
    if (repro != null) {
      parts.add("repro " + repro.steps() + " steps");
    }
    if (pytorch != null) {
      parts.add("PyTorch " + pytorch.steps() + " steps");
    }
    return String.join(", ", parts);
  }

  private static Map<String, OperatorTime> byName(OperatorTimes times) {
    Map<String, OperatorTime> byName = new LinkedHashMap<>();
    if (times != null) {
      times.operators().forEach(operator -> byName.put(operator.operator(), operator));
    }
    return byName;
  }

  private static double self(OperatorTime time) {
    return time == null ? 0 : time.selfMillisPerStep();
  }

  private static String row(String name, OperatorTime a, OperatorTime b) {
    return String.format(
        Locale.ROOT,
        "| %s | %s | %s | %s | %s | %s |%n",
        name,
        a == null ? "" : millis(a.selfMillisPerStep()),
        a == null ? "" : calls(a.callsPerStep()),
        b == null ? "" : millis(b.selfMillisPerStep()),
        b == null ? "" : calls(b.callsPerStep()),
        ratio(a == null ? null : a.selfMillisPerStep(), b == null ? null : b.selfMillisPerStep()));
  }

  /** A total of both profiles, where each side has one. */
  private static String totalRow(
      String label,
      OperatorTimes repro,
      OperatorTimes pytorch,
      ToDoubleFunction<OperatorTimes> figure) {
    return totalRow(
        label,
        repro == null ? null : figure.applyAsDouble(repro),
        pytorch == null ? null : figure.applyAsDouble(pytorch));
  }

  private static String totalRow(String label, Double a, Double b) {
    return String.format(
        Locale.ROOT,
        "| %s | %s |  | %s |  | %s |%n",
        label,
        a == null ? "" : millis(a),
        b == null ? "" : millis(b),
        ratio(a, b));
  }

  private static String ratio(Double a, Double b) {
    return a == null || b == null || b < 1e-3 ? "" : String.format(Locale.ROOT, "%.2fx", a / b);
  }

  private static String millis(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String calls(double value) {
    return value == Math.rint(value)
        ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.1f", value);
  }
}
