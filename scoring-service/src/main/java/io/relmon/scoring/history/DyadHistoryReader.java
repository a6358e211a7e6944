package io.relmon.scoring.history;

import io.relmon.scoring.warmth.Contribution;
import io.relmon.scoring.warmth.DyadWarmth;
import io.relmon.scoring.warmth.WarmthParameters;
import io.relmon.scoring.warmth.WarmthSnapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.function.UnaryOperator;
import java.util.List;

/**
 * A dyad's history from its warmth state (value now, changes, drivers) and its history entries in
 * time order: the daily series, the events and the signals of the window. Plain Java.
 *
 * <p>The series is W at the end of each day (the last point at the as-of time), summed over the
 * history entries with the warmth score's decay. Callers pass the window's entries and a year
 * before it (older ones are gone after the history's retention, or not read), so a point differs
 * from the warmth store's W by what older events would still contribute: with a 30-day half-life,
 * at most 2⁻¹² of their weight.
 */
public final class DyadHistoryReader {

  private static final long DAY = 86_400_000L;

  private DyadHistoryReader() {}

  /**
   * @param entries the dyad's history entries, oldest first (all that are held)
   * @param days the window: the last {@code days} days before the as-of time
   */
  public static HistoryView.Dyad read(String dyad, DyadWarmth state, Iterator<Contribution> entries, WarmthParameters p, int days) {
    return read(dyad, state, entries, p, days, UnaryOperator.identity());
  }

  /** As above, the drivers shown with their details as {@code details} gives them ({@link HistoryEntries#details}). */
  public static HistoryView.Dyad read(String dyad, DyadWarmth state, Iterator<Contribution> entries, WarmthParameters p, int days,
      UnaryOperator<Contribution> details) {
    WarmthSnapshot now = state.snapshot(p).withDetails(details);
    long asOf = now.asOf();
    LocalDate lastDay = day(asOf);
    LocalDate firstDay = lastDay.minusDays(days - 1L);
    long windowStart = firstDay.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();

    List<HistoryView.Point> points = new ArrayList<>(days);
    List<HistoryView.Event> events = new ArrayList<>();
    List<HistoryView.Signal> signals = new ArrayList<>();
    double raw = 0;
    long rawAt = Long.MIN_VALUE; // the time raw is expressed at
    LocalDate day = firstDay;
    Contribution next = entries.hasNext() ? entries.next() : null;
    while (!day.isAfter(lastDay)) {
      long end = day.equals(lastDay) ? asOf : day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1;
      while (next != null && next.eventTime() <= end) {
        raw = at(raw, rawAt, next.eventTime(), p) + next.weight();
        rawAt = next.eventTime();
        if (next.eventTime() >= windowStart) {
          if (next.isSignal()) {
            signals.add(signal(next));
          } else {
            events.add(event(next, next.weight() * p.decay(asOf - next.eventTime())));
          }
        }
        next = entries.hasNext() ? entries.next() : null;
      }
      raw = at(raw, rawAt, end, p);
      rawAt = end;
      points.add(new HistoryView.Point(day, round(p.scaled(raw)), round(raw)));
      day = day.plusDays(1);
    }
    events.sort(Comparator.comparing(HistoryView.Event::eventTime).reversed().thenComparing(HistoryView.Event::id));
    signals.sort(Comparator.comparing(HistoryView.Signal::eventTime).reversed().thenComparing(HistoryView.Signal::id));
    List<HistoryView.Event> drivers = now.drivers().stream().map(d -> event(d.event(), d.contribution())).toList();
    return new HistoryView.Dyad(dyad, days, Instant.ofEpochMilli(asOf), round(now.value()), round(now.raw()),
        round(now.change7d()), round(now.change30d()), now.eventCount(), points, drivers, events, signals);
  }

  /** {@code raw}, expressed at {@code from}, decayed to {@code to}. */
  private static double at(double raw, long from, long to, WarmthParameters p) {
    return from == Long.MIN_VALUE || raw == 0 ? raw : raw * p.decay(to - from);
  }

  public static HistoryView.Event event(Contribution c, double contribution) {
    return new HistoryView.Event(c.eventId(), c.type(), c.actor(), c.targets(), c.date(), Instant.ofEpochMilli(c.eventTime()),
        c.modality(), round(c.weight()), round(contribution), c.corroboration(), c.evidence(),
        c.sources().stream().map(s -> new HistoryView.Source(s.outlet(), s.title(), s.url(), Instant.ofEpochMilli(s.published())))
            .toList());
  }

  public static HistoryView.Signal signal(Contribution c) {
    return new HistoryView.Signal(c.eventId(), c.type(), c.actor(), c.targets(), c.date(), Instant.ofEpochMilli(c.eventTime()),
        round(c.weight()), c.evidence(), c.cited().stream().map(e -> event(e, 0)).toList());
  }

  private static LocalDate day(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
