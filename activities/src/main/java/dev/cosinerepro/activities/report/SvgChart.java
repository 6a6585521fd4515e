package dev.cosinerepro.activities.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart drawn as inline SVG, with no script and no external asset. Colour-blind safe (the
 * Okabe–Ito palette), and legible in black and white: every series also has its own dash pattern
 * and marker shape, and the legend names them. Each series is a {@code <g class="series">} with a
 * {@code data-name}, so a test can count and name them.
 */
final class SvgChart {
  /** Okabe & Ito (2008): distinguishable under the common colour-vision deficiencies. */
  private static final String[] COLOURS = {
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"
  };

  private static final String[] DASHES = {"", "6 3", "2 2", "8 3 2 3", "4 4", "1 3"};

  private static final int LEFT = 58;
  private static final int RIGHT = 16;
  private static final int TOP = 30;
  private static final int BOTTOM = 44;

  /** One point with an optional error bar (± {@code error}, 0 for none). */
  record Point(double x, double y, double error) {}

  /** One named series and its style index (same index: same colour, dash and marker). */
  record Series(String name, int style, boolean dashed, List<Point> points) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final boolean logX;
  private final List<Series> series = new ArrayList<>();
  private final List<Double> markers = new ArrayList<>();
  private String markerLabel = "";
  private int width = 640;
  private int height = 320;
  private boolean integerX;

  SvgChart(String title, String xLabel, String yLabel, boolean logX) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.logX = logX;
  }

  /** Adds a series; points whose x cannot be drawn (x ≤ 0 on a log axis) are left out. */
  SvgChart add(Series each) {
    List<Point> drawable =
        each.points().stream().filter(p -> Double.isFinite(p.y()) && (!logX || p.x() > 0)).toList();
    series.add(new Series(each.name(), each.style(), each.dashed(), drawable));
    return this;
  }

  /** Sets the size in pixels (default 640 × 320, legend below). */
  SvgChart size(int newWidth, int newHeight) {
    this.width = newWidth;
    this.height = newHeight;
    return this;
  }

  /** Ticks the x axis at whole numbers only (epochs). */
  SvgChart integerX() {
    this.integerX = true;
    return this;
  }

  /** Marks vertical lines at these x values (e.g. the SGDR restarts), named in the legend. */
  SvgChart markers(List<Double> xs, String label) {
    markers.addAll(xs);
    markerLabel = label;
    return this;
  }

  /** The chart as an SVG element. */
  String svg() {
    double[] xr = range(true);
    double[] yr = range(false);
    int plotW = width - LEFT - RIGHT;
    int plotH = height - TOP - BOTTOM;
    int legendRows = series.size() + (markers.isEmpty() ? 0 : 1);
    int total = height + 16 * legendRows + 6;
    StringBuilder out = new StringBuilder();
    out.append(
            String.format(
                Locale.ROOT,
                "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
                    + " width=\"%d\" height=\"%d\" role=\"img\" data-series=\"%d\">",
                width,
                total,
                width,
                total,
                series.size()))
        .append("<title>")
        .append(Html.escape(title))
        .append("</title>");
    out.append(text(width / 2.0, 18, "middle", "title", title));
    out.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>",
            LEFT,
            TOP,
            plotW,
            plotH));
    for (double tick : ticks(yr[0], yr[1], false, false)) {
      double y = TOP + plotH - (tick - yr[0]) / (yr[1] - yr[0]) * plotH;
      out.append(line(LEFT, y, LEFT + plotW, y, "#ddd", ""));
      out.append(text(LEFT - 4, y + 4, "end", "tick", number(tick)));
    }
    for (double tick : ticks(xr[0], xr[1], logX, integerX)) {
      double x = LEFT + scaleX(tick, xr) * plotW;
      out.append(line(x, TOP + plotH, x, TOP + plotH + 4, "#444", ""));
      out.append(text(x, TOP + plotH + 16, "middle", "tick", number(tick)));
    }
    out.append(text(LEFT + plotW / 2.0, TOP + plotH + 34, "middle", "axis", xLabel));
    out.append(
        String.format(
            Locale.ROOT,
            "<text class=\"axis\" transform=\"translate(14 %.1f) rotate(-90)\""
                + " text-anchor=\"middle\">%s</text>",
            TOP + plotH / 2.0,
            Html.escape(yLabel)));
    for (double marker : markers) {
      if (marker >= xr[0] && marker <= xr[1]) {
        double x = LEFT + scaleX(marker, xr) * plotW;
        out.append("<g class=\"marker\">")
            .append(line(x, TOP, x, TOP + plotH, "#777", "3 3"))
            .append("</g>");
      }
    }
    for (Series each : series) {
      String colour = COLOURS[each.style() % COLOURS.length];
      String dash = each.dashed() ? "5 4" : DASHES[each.style() % DASHES.length];
      out.append("<g class=\"series\" data-name=\"")
          .append(Html.escape(each.name()))
          .append("\" data-points=\"")
          .append(each.points().size())
          .append("\">");
      StringBuilder path = new StringBuilder();
      for (Point p : each.points()) {
        double x = LEFT + scaleX(p.x(), xr) * plotW;
        double y = TOP + plotH - (p.y() - yr[0]) / (yr[1] - yr[0]) * plotH;
        path.append(path.length() == 0 ? "M" : "L")
            .append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
      }
      if (each.points().size() > 1) {
        out.append("<path fill=\"none\" stroke=\"")
            .append(colour)
            .append("\" stroke-width=\"2\"")
            .append(dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"")
            .append(" d=\"")
            .append(path)
            .append("\"/>");
      }
      boolean showMarkers = each.points().size() <= 40;
      for (Point p : each.points()) {
        double x = LEFT + scaleX(p.x(), xr) * plotW;
        double y = TOP + plotH - (p.y() - yr[0]) / (yr[1] - yr[0]) * plotH;
        if (p.error() > 0) {
          double half = p.error() / (yr[1] - yr[0]) * plotH;
          out.append(line(x, y - half, x, y + half, colour, ""));
          out.append(line(x - 4, y - half, x + 4, y - half, colour, ""));
          out.append(line(x - 4, y + half, x + 4, y + half, colour, ""));
        }
        if (showMarkers) {
          out.append(shape(each.style(), x, y, colour, each.dashed()));
        }
      }
      out.append("</g>");
    }
    int row = 0;
    for (Series each : series) {
      double y = height + 8 + 16 * row++;
      String colour = COLOURS[each.style() % COLOURS.length];
      String dash = each.dashed() ? "5 4" : DASHES[each.style() % DASHES.length];
      out.append("<g class=\"legend\">")
          .append(line(LEFT, y, LEFT + 30, y, colour, dash))
          .append(shape(each.style(), LEFT + 15, y, colour, each.dashed()))
          .append(text(LEFT + 38, y + 4, "start", "legend", each.name()))
          .append("</g>");
    }
    if (!markers.isEmpty()) {
      double y = height + 8 + 16 * row;
      out.append("<g class=\"legend\">")
          .append(line(LEFT, y, LEFT + 30, y, "#777", "3 3"))
          .append(text(LEFT + 38, y + 4, "start", "legend", markerLabel))
          .append("</g>");
    }
    return out.append("</svg>").toString();
  }

  private double scaleX(double x, double[] range) {
    if (logX) {
      return (Math.log10(x) - Math.log10(range[0]))
          / Math.max(1e-12, Math.log10(range[1]) - Math.log10(range[0]));
    }
    return (x - range[0]) / (range[1] - range[0]);
  }

  private double[] range(boolean x) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series each : series) {
      for (Point p : each.points()) {
        double v = x ? p.x() : p.y();
        min = Math.min(min, x ? v : v - p.error());
        max = Math.max(max, x ? v : v + p.error());
      }
    }
    if (!Double.isFinite(min)) {
      return logX && x ? new double[] {1, 10} : new double[] {0, 1};
    }
    if (max - min < 1e-12) {
      double pad = x && logX ? min * 0.5 : Math.max(Math.abs(min) * 0.05, 0.5);
      return new double[] {min - pad, max + pad};
    }
    if (x && logX) {
      return new double[] {min / 1.3, max * 1.3};
    }
    double pad = x ? 0 : (max - min) * 0.05;
    return new double[] {min - pad, max + pad};
  }

  private static List<Double> ticks(double min, double max, boolean log, boolean whole) {
    List<Double> ticks = new ArrayList<>();
    if (log) {
      for (int e = (int) Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
        for (int m : new int[] {1, 2, 5}) {
          double v = m * Math.pow(10, e);
          if (v >= min && v <= max) {
            ticks.add(v);
          }
        }
      }
      return ticks;
    }
    double step = Math.pow(10, Math.floor(Math.log10((max - min) / 5)));
    if ((max - min) / step > 10) {
      step *= 2;
    }
    if ((max - min) / step > 10) {
      step *= 2.5;
    }
    if (whole) {
      step = Math.max(1, Math.rint(step));
    }
    for (double v = Math.ceil(min / step) * step; v <= max + 1e-9; v += step) {
      ticks.add(Math.abs(v) < step * 1e-6 ? 0 : v);
    }
    return ticks;
  }

  private static String number(double v) {
    if (v != 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) {
      return String.format(Locale.ROOT, "%.0e", v);
    }
    String s = String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static String shape(int style, double x, double y, String colour, boolean hollow) {
    String fill = hollow ? "#fff" : colour;
    String common = " fill=\"" + fill + "\" stroke=\"" + colour + "\" stroke-width=\"1.5\"/>";
    return switch (style % 4) {
      case 0 ->
          String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\"", x, y) + common;
      case 1 ->
          String.format(
                  Locale.ROOT,
                  "<rect x=\"%.1f\" y=\"%.1f\" width=\"7\" height=\"7\"",
                  x - 3.5,
                  y - 3.5)
              + common;
      case 2 ->
          String.format(
                  Locale.ROOT,
                  "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\"",
                  x,
                  y - 4.5,
                  x + 4.5,
                  y + 3.5,
                  x - 4.5,
                  y + 3.5)
              + common;
      default ->
          String.format(
                  Locale.ROOT,
                  "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\"",
                  x,
                  y - 4.5,
                  x + 4.5,
                  y,
                  x,
                  y + 4.5,
                  x - 4.5,
                  y)
              + common;
    };
  }

  private static String line(double x1, double y1, double x2, double y2, String c, String dash) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>",
        x1,
        y1,
        x2,
        y2,
        c,
        dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"");
  }

  private static String text(double x, double y, String anchor, String css, String content) {
    return String.format(
        Locale.ROOT,
        "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
        css,
        x,
        y,
        anchor,
        Html.escape(content));
  }
}
