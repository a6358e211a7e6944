package io.relmon.scoring.web;

import io.relmon.scoring.history.HistoryView.Dyad;
import io.relmon.scoring.history.HistoryView.Event;
import io.relmon.scoring.history.HistoryView.Point;
import io.relmon.scoring.history.HistoryView.Signal;
import io.relmon.scoring.history.HistoryView.Source;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Small, readable history data for the page tests. */
final class WebFixtures {
  static final String HOSTILE = "<script>alert(1)</script>";
  static final Instant AS_OF = Instant.parse("2026-01-20T12:00:00Z");

  private WebFixtures() {}

  static Source source(String outlet, String title, String url) {
    return new Source(outlet, title, url, Instant.parse("2026-01-10T08:00:00Z"));
  }

  /** A dated FACT event of CHN towards PRK. */
  static Event event(String id, String date, double weight, String evidence) {
    return new Event(id, "MILITARY_EXERCISE", "CHN", List.of("PRK"), date, Instant.parse(date + "T00:00:00Z"), "FACT", weight,
        weight * 0.8, 2, evidence, List.of(source("Daily Herald", "Drills near the border", "https://example.org/a/" + id)));
  }

  static Event event(String id, String date, double weight) {
    return event(id, date, weight, "Evidence of " + id + ".");
  }

  static Signal signal(String id, String type, Instant at, String explanation, List<Event> events) {
    return new Signal(id, type, "PRK", List.of("CHN"), at.toString().substring(0, 10), at, -3, explanation, events);
  }

  /** Daily points from {@code from}, one per value. */
  static List<Point> points(LocalDate from, double... values) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      points.add(new Point(from.plusDays(i), values[i], values[i] / 4));
    }
    return points;
  }

  static Dyad dyad(List<Point> points, List<Event> events, List<Signal> signals) {
    return new Dyad("CHN-PRK", 30, AS_OF, 12.5, 3.2, 4.0, -7.25, events.size(), points, events.isEmpty() ? List.of() : List.of(events.get(0)),
        events, signals);
  }
}
