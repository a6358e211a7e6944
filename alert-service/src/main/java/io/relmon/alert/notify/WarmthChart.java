package io.relmon.alert.notify;

import io.relmon.schemas.avro.WarmthPoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Date;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.time.Millisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/** The dyad's warmth over its last 90 days as a small PNG for the e-mail (JFreeChart, headless). */
public final class WarmthChart {

  static {
    // No display on a server: draw off-screen.
    System.setProperty("java.awt.headless", "true");
  }

  private WarmthChart() {}

  /** A 600×220 PNG of the points, with the rule's threshold as a dashed line; null without points. */
  public static byte[] png(String title, List<WarmthPoint> points, Double threshold) {
    if (points.isEmpty()) {
      return null;
    }
    TimeSeries series = new TimeSeries("warmth");
    for (WarmthPoint p : points) {
      series.addOrUpdate(new Millisecond(Date.from(p.getAsOf())), p.getValue());
    }
    // Always the 90 days up to the latest point, so charts of different alerts compare at a glance.
    long end = points.get(points.size() - 1).getAsOf().toEpochMilli();
    DateAxis time = new DateAxis();
    time.setRange(new Date(end - 90L * 86_400_000L), new Date(end + 86_400_000L));
    time.setDateFormatOverride(new java.text.SimpleDateFormat("MMM d", java.util.Locale.ENGLISH));
    NumberAxis warmth = new NumberAxis("warmth");
    warmth.setRange(-100, 100);
    // Lines between updates and a dot on each: a dyad may have a single update in 90 days.
    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, true);
    line.setSeriesPaint(0, new Color(0x1f, 0x5f, 0xa8));
    line.setSeriesStroke(0, new BasicStroke(2f));
    XYPlot plot = new XYPlot(new TimeSeriesCollection(series), time, warmth, line);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
    plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
    if (threshold != null) {
      plot.addRangeMarker(new ValueMarker(threshold, new Color(0xc0, 0x39, 0x2b),
          new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f)));
    }
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ChartUtils.writeChartAsPNG(out, chart, 600, 220);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
