package io.relmon.scoring.web;

import io.relmon.scoring.history.HistoryView.Event;
import io.relmon.scoring.history.HistoryView.Point;
import io.relmon.scoring.history.HistoryView.Signal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Warmth drawn as inline SVG, server-side: a dyad's timeline and the overview's sparklines. Pure
 * functions with deterministic output (coordinates to 0.1, Locale.ROOT), safe for any input: a
 * single point, a flat line, no events or no data at all never divide by zero or print NaN.
 */
public final class SvgChart {
  // Timeline geometry, in viewBox units: signal labels above the plot, the event rug and the dates below.
  static final int WIDTH = 800;
  static final int HEIGHT = 260;
  private static final int LEFT = 48;
  private static final int RIGHT = 16;
  private static final int TOP = 30;
  private static final int PLOT_BOTTOM = 206;
  private static final double WARMING_RUG_Y = 215;
  private static final double COOLING_RUG_Y = 227;
  private static final double DATE_LABEL_Y = 250;
  private static final double DAY_SECONDS = 86_400;

  static final String WARMING = "#1a7f37";
  static final String COOLING = "#c62828";
  static final String NEUTRAL = "#777777";
  private static final String SIGNAL = "#6a3d9a";

  private static final int SPARK_WIDTH = 120;
  private static final int SPARK_HEIGHT = 28;
  private static final double SPARK_PAD = 3;
  /** A sparkline spans at least this much warmth: a dyad that barely moved draws a nearly flat line, not noise blown up. */
  private static final double SPARK_MIN_SPAN = 10;

  private SvgChart() {}

  /**
   * The timeline of a dyad, {@code <svg id="timeline">}: warmth on the fixed −100…+100 scale (so
   * that two dyads' charts compare at a glance) with a zero line, value and date labels; each event
   * a mark at its event time below the plot (green above red: warming, cooling), each signal a
   * dashed vertical line labelled with its type; every mark has a {@code <title>} tooltip.
   *
   * <p>A point is warmth at the end of its day, so it is drawn at the next midnight (UTC), where the
   * day's events have all counted.
   */
  public static String timeline(List<Point> points, List<Event> events, List<Signal> signals) {
    List<Point> line = points.stream().filter(p -> p.date() != null && Double.isFinite(p.value()))
        .sorted(Comparator.comparing(Point::date)).toList();
    List<Event> marked = events.stream().filter(e -> e.eventTime() != null).toList();
    List<Signal> lines = signals.stream().filter(s -> s.eventTime() != null).toList();

    StringBuilder svg = new StringBuilder(4096);
    svg.append("<svg id=\"timeline\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(HEIGHT).append("\" preserveAspectRatio=\"xMidYMid meet\" font-family=\"system-ui, sans-serif\" role=\"img\" aria-label=\"Warmth over time, −100 to +100\">");
    svg.append("<title>Warmth over time, −100 (cold) to +100 (warm)</title>");
    valueAxis(svg);

    List<Double> times = new ArrayList<>();
    line.forEach(p -> times.add(endOfDay(p.date())));
    marked.forEach(e -> times.add(seconds(e.eventTime())));
    lines.forEach(s -> times.add(seconds(s.eventTime())));
    if (times.isEmpty()) {
      svg.append("<text class=\"empty\" x=\"").append(WIDTH / 2).append("\" y=\"").append(num(y(50)))
          .append("\" text-anchor=\"middle\">No history in this window</text></svg>");
      return svg.toString();
    }
    TimeAxis axis = TimeAxis.over(times);
    dateLabels(svg, axis);

    if (!line.isEmpty()) {
      StringBuilder d = new StringBuilder();
      for (Point p : line) {
        d.append(d.length() == 0 ? "M" : " L").append(num(axis.x(endOfDay(p.date())))).append(' ').append(num(y(p.value())));
      }
      svg.append("<path class=\"warmth\" d=\"").append(d).append("\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2\" stroke-linejoin=\"round\"/>");
      // A lone point makes a path with no length, which draws nothing: show it as a dot.
      if (line.size() == 1) {
        Point p = line.get(0);
        svg.append("<circle class=\"warmth\" cx=\"").append(num(axis.x(endOfDay(p.date())))).append("\" cy=\"").append(num(y(p.value())))
            .append("\" r=\"3\" fill=\"#1f4e79\"/>");
      }
    }

    for (int i = 0; i < lines.size(); i++) {
      signalMark(svg, lines.get(i), axis, i);
    }
    if (marked.size() <= MAX_EVENT_MARKS) {
      for (Event e : marked) {
        eventMark(svg, e, axis);
      }
    } else {
      dayMarks(svg, marked, axis);
    }
    return svg.append("</svg>").toString();
  }

  /**
   * Marks drawn one per event up to this many; past it, one per day and direction (a busy dyad's
   * thousands of marks would make a page of megabytes that no one can hover through).
   */
  static final int MAX_EVENT_MARKS = 300;

  /** One mark per UTC day and direction (warming, cooling), its tooltip counting the day's events. */
  private static void dayMarks(StringBuilder svg, List<Event> events, TimeAxis axis) {
    java.util.Map<String, List<Event>> byDay = new java.util.TreeMap<>();
    for (Event e : events) {
      String direction = e.weight() > 0 ? "warming" : e.weight() < 0 ? "cooling" : "neutral";
      byDay.computeIfAbsent(e.eventTime().atZone(ZoneOffset.UTC).toLocalDate() + " " + direction, k -> new ArrayList<>()).add(e);
    }
    for (var day : byDay.entrySet()) {
      List<Event> those = day.getValue();
      String[] dateAndDirection = day.getKey().split(" ");
      double net = those.stream().mapToDouble(Event::weight).sum();
      LocalDate date = LocalDate.parse(dateAndDirection[0]);
      String tooltip = date + " · " + those.size() + " " + dateAndDirection[1] + (those.size() == 1 ? " event" : " events")
          + " · net weight " + Format.signed(net, 2);
      svg.append("<circle class=\"event-mark day-mark ").append(dateAndDirection[1]).append("\" data-count=\"").append(those.size())
          .append("\" cx=\"").append(num(axis.x(date.atStartOfDay(ZoneOffset.UTC).toEpochSecond() + 43_200)))
          .append("\" cy=\"").append(num(net < 0 ? COOLING_RUG_Y : WARMING_RUG_Y)).append("\" r=\"").append(num(Math.min(7, 3 + Math.log(those.size()))))
          .append("\" fill=\"").append(colour(net)).append("\" fill-opacity=\"0.75\"><title>").append(Html.escape(tooltip))
          .append("</title></circle>");
    }
  }

  /**
   * A small line of warmth over time, {@code <svg class="sparkline">}, scaled to its own range
   * (at least {@value #SPARK_MIN_SPAN} wide) with a dot at the latest value; empty for no points.
   */
  public static String sparkline(List<Point> points) {
    List<Point> line = points.stream().filter(p -> p.date() != null && Double.isFinite(p.value()))
        .sorted(Comparator.comparing(Point::date)).toList();
    StringBuilder svg = new StringBuilder(512);
    svg.append("<svg class=\"sparkline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(SPARK_WIDTH).append(' ')
        .append(SPARK_HEIGHT).append("\" width=\"").append(SPARK_WIDTH).append("\" height=\"").append(SPARK_HEIGHT)
        .append("\" role=\"img\" aria-label=\"Warmth, last ").append(line.size()).append(" days\">");
    if (line.isEmpty()) {
      return svg.append("</svg>").toString();
    }
    double lo = line.stream().mapToDouble(Point::value).min().orElseThrow();
    double hi = line.stream().mapToDouble(Point::value).max().orElseThrow();
    if (hi - lo < SPARK_MIN_SPAN) {
      double mid = (hi + lo) / 2;
      lo = mid - SPARK_MIN_SPAN / 2;
      hi = mid + SPARK_MIN_SPAN / 2;
    }
    long first = line.get(0).date().toEpochDay();
    long days = line.get(line.size() - 1).date().toEpochDay() - first;
    StringBuilder coordinates = new StringBuilder();
    double lastX = 0;
    double lastY = 0;
    for (Point p : line) {
      // One day (or a single point) has no width to spread over: it sits in the middle.
      lastX = days == 0 ? SPARK_WIDTH / 2.0 : SPARK_PAD + (p.date().toEpochDay() - first) * (SPARK_WIDTH - 2 * SPARK_PAD) / days;
      lastY = SPARK_PAD + (hi - p.value()) * (SPARK_HEIGHT - 2 * SPARK_PAD) / (hi - lo);
      coordinates.append(coordinates.length() == 0 ? "" : " ").append(num(lastX)).append(',').append(num(lastY));
    }
    double change = line.get(line.size() - 1).value() - line.get(0).value();
    svg.append("<polyline points=\"").append(coordinates).append("\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"1.5\"/>");
    svg.append("<circle cx=\"").append(num(lastX)).append("\" cy=\"").append(num(lastY)).append("\" r=\"2.5\" fill=\"")
        .append(colour(change)).append("\"/>");
    return svg.append("</svg>").toString();
  }

  private static void valueAxis(StringBuilder svg) {
    for (int v = -100; v <= 100; v += 50) {
      double y = y(v);
      svg.append("<line class=\"").append(v == 0 ? "zero" : "grid").append("\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
          .append("\" y1=\"").append(num(y)).append("\" y2=\"").append(num(y)).append("\" stroke=\"").append(v == 0 ? "#555555" : "#e3e3e3")
          .append("\" stroke-width=\"1\"/>");
      svg.append("<text class=\"value-label\" x=\"").append(LEFT - 6).append("\" y=\"").append(num(y + 4))
          .append("\" text-anchor=\"end\" font-size=\"11\">").append(Format.signed(v, 0)).append("</text>");
    }
  }

  /** Five dates spread over the time axis; a date is not repeated when the window is short. */
  private static void dateLabels(StringBuilder svg, TimeAxis axis) {
    String previous = null;
    for (int i = 0; i <= 4; i++) {
      double t = axis.from + i * (axis.to - axis.from) / 4;
      String label = Format.day(Instant.ofEpochSecond((long) Math.floor(t)));
      if (label.equals(previous)) {
        continue;
      }
      previous = label;
      String anchor = i == 0 ? "start" : i == 4 ? "end" : "middle";
      double x = axis.x(t);
      svg.append("<line class=\"tick\" x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"").append(PLOT_BOTTOM)
          .append("\" y2=\"").append(PLOT_BOTTOM + 4).append("\" stroke=\"#555555\"/>");
      svg.append("<text class=\"date-label\" x=\"").append(num(x)).append("\" y=\"").append(num(DATE_LABEL_Y)).append("\" text-anchor=\"")
          .append(anchor).append("\" font-size=\"11\">").append(label).append("</text>");
    }
  }

  private static void signalMark(StringBuilder svg, Signal s, TimeAxis axis, int index) {
    double x = axis.x(seconds(s.eventTime()));
    // Labels of signals close in time alternate between two rows, so that they overlap less.
    double labelY = 11 + (index % 2) * 12;
    boolean nearRightEdge = x > WIDTH - 160;
    svg.append("<g class=\"signal-mark\" data-type=\"").append(Html.escape(s.type())).append("\" data-id=\"").append(Html.escape(s.id()))
        .append("\"><title>").append(Html.escape(Format.date(s.date(), s.eventTime()) + " · signal " + Format.humanised(s.type()) + ": "
            + Objects.toString(s.explanation(), ""))).append("</title>");
    svg.append("<line x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"").append(num(labelY + 3)).append("\" y2=\"")
        .append(PLOT_BOTTOM).append("\" stroke=\"").append(SIGNAL).append("\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>");
    svg.append("<text x=\"").append(num(nearRightEdge ? x - 4 : x + 4)).append("\" y=\"").append(num(labelY)).append("\" text-anchor=\"")
        .append(nearRightEdge ? "end" : "start").append("\" font-size=\"11\" fill=\"").append(SIGNAL).append("\">")
        .append(Html.escape(Format.humanised(s.type()))).append("</text></g>");
  }

  private static void eventMark(StringBuilder svg, Event e, TimeAxis axis) {
    String tooltip = Format.eventDate(e) + " · " + EventHtml.who(e) + " · weight " + Format.signed(e.weight(), 2)
        + (e.evidence() == null || e.evidence().isBlank() ? "" : ": “" + e.evidence() + "”");
    svg.append("<circle class=\"event-mark ").append(e.weight() > 0 ? "warming" : e.weight() < 0 ? "cooling" : "neutral")
        .append("\" data-id=\"").append(Html.escape(e.id())).append("\" cx=\"").append(num(axis.x(seconds(e.eventTime()))))
        .append("\" cy=\"").append(num(e.weight() < 0 ? COOLING_RUG_Y : WARMING_RUG_Y)).append("\" r=\"4\" fill=\"")
        .append(colour(e.weight())).append("\" fill-opacity=\"0.75\"><title>").append(Html.escape(tooltip)).append("</title></circle>");
  }

  static String colour(double sign) {
    return sign > 0 ? WARMING : sign < 0 ? COOLING : NEUTRAL;
  }

  /** Height of a value in the plot; beyond ±100 (which warmth never is) it stays at the edge. */
  private static double y(double value) {
    double clamped = Math.max(-100, Math.min(100, value));
    return TOP + (100 - clamped) / 200 * (PLOT_BOTTOM - TOP);
  }

  private static double endOfDay(LocalDate date) {
    return date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
  }

  private static double seconds(Instant t) {
    return t.getEpochSecond();
  }

  /** Coordinates to a tenth of a unit: enough for the eye, short, and the same on every machine. */
  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** The time span drawn, in epoch seconds: never shorter than a day, so it can always be divided by. */
  private record TimeAxis(double from, double to) {
    static TimeAxis over(List<Double> times) {
      double from = times.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      double to = times.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      if (to - from < DAY_SECONDS) {
        double mid = (from + to) / 2;
        return new TimeAxis(mid - DAY_SECONDS / 2, mid + DAY_SECONDS / 2);
      }
      return new TimeAxis(from, to);
    }

    double x(double t) {
      return LEFT + (t - from) / (to - from) * (WIDTH - LEFT - RIGHT);
    }
  }
}
