package io.relmon.scoring.history;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the history API answers and the web view shows: plain records, no Kafka. The JSON of
 * {@code /v1/dyads/{dyad}/history} and {@code /v1/countries/{ISO3}} is these records' fields.
 */
public final class HistoryView {
  private HistoryView() {}

  /** An article that reported an event. */
  public record Source(String outlet, String title, String url, Instant published) {}

  /**
   * One de-duplicated event of a dyad (or one a signal rests on).
   *
   * @param date the event's own date as coded (YYYY-MM-DD, YYYY-MM, YYYY), or null when the text
   *     gave none: then {@code eventTime} is the publication time, and the page says "undated"
   * @param modality FACT, PLANNED or HEDGED
   * @param weight weight × confidence at the event's own time
   * @param contribution what it contributes to raw warmth at the dyad's as-of time (0 for a cited
   *     event outside the dyad)
   */
  public record Event(String id, String type, String actor, List<String> targets, String date, Instant eventTime,
      String modality, double weight, double contribution, int corroboration, String evidence, List<Source> sources) {}

  /** A composite signal with the events it rests on. */
  public record Signal(String id, String type, String actor, List<String> targets, String date, Instant eventTime,
      double weight, String explanation, List<Event> events) {}

  /** Warmth at the end of one day (the last point: at the as-of time). */
  public record Point(LocalDate date, double value, double raw) {}

  /**
   * A dyad's history over a window.
   *
   * @param value warmth now (as of {@code asOf}); change7d and change30d as in relmon.warmth.v1
   * @param drivers the events (and signals) that contribute most now, strongest first
   * @param events every event in the window, newest first
   * @param signals every signal in the window, newest first
   */
  public record Dyad(String dyad, int days, Instant asOf, double value, double raw, double change7d, double change30d,
      int eventCount, List<Point> points, List<Event> drivers, List<Event> events, List<Signal> signals) {}

  /** One partner of a state, with the dyad's warmth now. */
  public record Partner(String partner, String dyad, double value, double change7d, double change30d, int eventCount,
      Instant asOf) {}

  /** A state's partners, warmest first. */
  public record Country(String country, List<Partner> partners) {}

  /** A dyad that moved, with its last 30 days for a sparkline. */
  public record Mover(String dyad, double value, double change7d, double change30d, List<Point> sparkline) {}

  /** The overview page: the dyads that moved most in 7 and in 30 days, and the latest signals. */
  public record Overview(List<Mover> movers7d, List<Mover> movers30d, List<Signal> latestSignals) {}
}
