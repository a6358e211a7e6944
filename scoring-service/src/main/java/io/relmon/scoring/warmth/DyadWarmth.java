package io.relmon.scoring.warmth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The warmth state of one dyad: W(T) = Σ wᵢ·2^−(T−tᵢ)/h over its events, both directions.
 *
 * <p>Recent events (within the retention before the as-of time) are kept one by one for the
 * drivers and the 7- and 30-day change; older ones are folded into a residual sum held at a
 * reference time. Because W is a sum and folding only re-expresses it, the result does not depend
 * on the order events arrive in: a late event is simply added where it belongs. Immutable.
 *
 * @param residual decayed sum of the folded events, as of {@code residualTime}
 * @param residualTime epoch millis the residual is expressed at (0 when nothing is folded)
 * @param events the retained contributions, oldest first
 * @param eventCount events counted, all time
 * @param asOf epoch millis of the latest event time seen (stream time of the dyad)
 */
public record DyadWarmth(double residual, long residualTime, List<Contribution> events, int eventCount, long asOf) {

  private static final long DAY = 86_400_000L;

  public DyadWarmth {
    events = List.copyOf(events);
  }

  public static DyadWarmth empty() {
    return new DyadWarmth(0, 0, List.of(), 0, Long.MIN_VALUE);
  }

  /**
   * The state with {@code c} counted. A contribution whose event is already held only updates
   * its corroboration and links: a later sighting never changes the weight.
   */
  public DyadWarmth with(Contribution c, WarmthParameters p) {
    List<Contribution> next = new ArrayList<>(events);
    for (int i = 0; i < next.size(); i++) {
      if (next.get(i).eventId().equals(c.eventId())) {
        next.set(i, next.get(i).corroborated(Math.max(next.get(i).corroboration(), c.corroboration()), c.urls()));
        return new DyadWarmth(residual, residualTime, next, eventCount, asOf);
      }
    }
    next.add(c);
    next.sort(Comparator.comparingLong(Contribution::eventTime).thenComparing(Contribution::eventId));
    return new DyadWarmth(residual, residualTime, next, eventCount + 1, Math.max(asOf, c.eventTime())).folded(p);
  }

  /** Moves the as-of time forward to {@code now} (for quiet dyads in live operation). */
  public DyadWarmth advancedTo(long now, WarmthParameters p) {
    return now <= asOf ? this : new DyadWarmth(residual, residualTime, events, eventCount, now).folded(p);
  }

  /** Folds events older than the retention into the residual. */
  private DyadWarmth folded(WarmthParameters p) {
    long horizon = asOf - p.retention().toMillis();
    if (events.isEmpty() || events.get(0).eventTime() >= horizon) {
      return this;
    }
    double folded = residualTime == 0 && residual == 0 ? 0 : residual * p.decay(horizon - residualTime);
    List<Contribution> kept = new ArrayList<>();
    for (Contribution c : events) {
      if (c.eventTime() < horizon) {
        folded += c.weight() * p.decay(horizon - c.eventTime());
      } else {
        kept.add(c);
      }
    }
    return new DyadWarmth(folded, horizon, kept, eventCount, asOf);
  }

  /** Raw W at {@code time}, counting only events at or before it. */
  public double rawAt(long time, WarmthParameters p) {
    double raw = residualTime == 0 && residual == 0 ? 0 : residual * p.decay(time - residualTime);
    for (Contribution c : events) {
      if (c.eventTime() <= time) {
        raw += c.weight() * p.decay(time - c.eventTime());
      }
    }
    return raw;
  }

  /** The dyad's score as of its as-of time, with the top drivers. */
  public WarmthSnapshot snapshot(WarmthParameters p) {
    double raw = rawAt(asOf, p);
    double value = p.scaled(raw);
    double change7 = value - p.scaled(rawAt(asOf - 7 * DAY, p));
    double change30 = value - p.scaled(rawAt(asOf - 30 * DAY, p));
    List<WarmthSnapshot.Driver> drivers = events.stream()
        .filter(c -> c.eventTime() <= asOf)
        .map(c -> new WarmthSnapshot.Driver(c, c.weight() * p.decay(asOf - c.eventTime())))
        .sorted(Comparator.comparingDouble((WarmthSnapshot.Driver d) -> -Math.abs(d.contribution()))
            .thenComparing(d -> d.event().eventId()))
        .limit(p.maxDrivers())
        .toList();
    return new WarmthSnapshot(value, raw, change7, change30, eventCount, asOf, drivers);
  }
}
