package dev.cosinerepro.activities.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Draws one dataset of Fig. 3 as a PNG: test accuracy (%) against images per class on a log axis,
 * one colour per method; solid lines the best accuracy after any epoch, dashed lines the
 * final-epoch accuracy, error bars ± one sample standard deviation over seeds. Points of the whole
 * training set (k = 0) have no place on a log axis and are left out of the chart (the table shows
 * them).
 */
final class Fig3Chart {
  /** The chart's width in pixels. */
  static final int WIDTH = 800;

  /** The chart's height in pixels. */
  static final int HEIGHT = 500;

  private static final Color[] COLOURS = {
    new Color(0x1f77b4),
    new Color(0xd62728),
    new Color(0x2ca02c),
    new Color(0xff7f0e),
    new Color(0x9467bd),
    new Color(0x8c564b),
    new Color(0x17becf)
  };

  private Fig3Chart() {}

  /**
   * Renders the chart headless.
   *
   * @param title the chart title
   * @param cells the dataset's cells: row = method, column = images per class
   * @return the PNG bytes
   */
  static byte[] png(String title, List<ReportCell> cells) {
    System.setProperty("java.awt.headless", "true");
    Map<String, YIntervalSeries[]> byMethod = new LinkedHashMap<>();
    for (ReportCell cell : cells) {
      int k = Integer.parseInt(cell.column());
      if (k <= 0) {
        continue;
      }
      YIntervalSeries[] series =
          byMethod.computeIfAbsent(
              cell.row(),
              row ->
                  new YIntervalSeries[] {
                    new YIntervalSeries(row + ", best"), new YIntervalSeries(row + ", final")
                  });
      add(series[0], k, cell.meanBest(), cell.sdBest());
      add(series[1], k, cell.meanFinal(), cell.sdFinal());
    }
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDefaultLinesVisible(true);
    renderer.setDefaultShapesVisible(true);
    renderer.setDrawXError(false);
    renderer.setCapLength(6);
    int index = 0;
    int method = 0;
    for (YIntervalSeries[] series : byMethod.values()) {
      Color colour = COLOURS[method++ % COLOURS.length];
      for (int variant = 0; variant < 2; variant++) {
        data.addSeries(series[variant]);
        renderer.setSeriesPaint(index, colour);
        renderer.setSeriesStroke(
            index,
            variant == 0
                ? new BasicStroke(2f)
                : new BasicStroke(
                    1.5f,
                    BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER,
                    10f,
                    new float[] {6f, 4f},
                    0f));
        index++;
      }
    }
    LogAxis x = new LogAxis("images per class");
    x.setBase(10);
    x.setSmallestValue(1);
    x.setNumberFormatOverride(new DecimalFormat("0"));
    // One tick per doubling: 1, 2, 4, 8, ... (the unit is in log10 space).
    x.setTickUnit(new NumberTickUnit(Math.log10(2)), false, true);
    x.setMinorTickMarksVisible(false);
    NumberAxis y = new NumberAxis("test accuracy (%)");
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot render the chart '" + title + "'", e);
    }
    return out.toByteArray();
  }

  private static void add(YIntervalSeries series, int k, Double mean, Double sd) {
    if (mean == null) {
      return;
    }
    double y = 100 * mean;
    double spread = sd == null ? 0 : 100 * sd;
    series.add(k, y, y - spread, y + spread);
  }
}
