package io.relmon.scoring.warmth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The warmth state of one dyad: W(T) = Σ wᵢ·2^−(T−tᵢ)/h over its events, both directions.
 *
 * <p>The state is small whatever the number of events, because every update reads and writes it
 * (and its changelog): recent weights (within the retention before the as-of time) are summed per
 * day (UTC) — so a 90-day retention holds at most 90 sums — which is all the 7- and 30-day changes
 * need. An event timed within its day (an undated one, at its publication) is summed at the day's
 * start with its weight grown by 2^(Δ/h), which gives exactly its decayed weight at any time from
 * its own on; summed per distinct time, a busy dyad's undated events made its state ~8 KB
 * (docs/benchmarks.md). The 7- and 30-day changes then count a whole day's events from that day's
 * start; older ones are folded into one residual held at a reference
 * time. Of the events themselves only the driver candidates are kept: the ranking by
 * |wᵢ|·2^(tᵢ/h) does not depend on T, so an event that {@code maxDrivers} later-or-equal events
 * outrank can never become a driver again (they leave the retention no earlier than it does) and
 * is dropped. Because W is a sum and folding only re-expresses it, the result does not depend on
 * the order events arrive in (up to floating-point rounding): a late event is added where it
 * belongs. Immutable; the arrays are never changed after construction.
 *
 * @param residual decayed sum of the folded events, as of {@code residualTime}
 * @param residualTime epoch millis the residual is expressed at (0 when nothing is folded)
 * @param times the days (UTC starts) of events within the retention, ascending
 * @param weights Σ weight of the events of the day {@code times[i]}, expressed at its start
 * @param drivers the events that may still be among the top drivers, oldest first, without their
 *     details (evidence, links, sources, cited events: the dyad's history holds them)
 * @param signals the composite signals within the retention, oldest first, without their details
 *     (the query API lists them; a hub's dyads collect hundreds of TIMED_PROVOCATIONs, which with
 *     their explanations and cited events made a state of 117 KB)
 * @param eventCount events counted, all time
 * @param asOf epoch millis of the latest event time seen (stream time of the dyad)
 * @param published whether this state's update has been published: written by builds before
 *     2026-12-04, read only by a task that has no list of unpublished dyads yet ({@link UnpublishedDyads})
 */
public record DyadWarmth(double residual, long residualTime, long[] times, double[] weights, List<Contribution> drivers,
    List<Contribution> signals, int eventCount, long asOf, boolean published) {

  private static final long DAY = 86_400_000L;
  private static final Comparator<Contribution> OLDEST_FIRST =
      Comparator.comparingLong(Contribution::eventTime).thenComparing(Contribution::eventId);

  public DyadWarmth {
    if (times.length != weights.length) {
      throw new IllegalArgumentException("one weight per time");
    }
    drivers = List.copyOf(drivers);
    signals = List.copyOf(signals);
  }

  public static DyadWarmth empty() {
    return new DyadWarmth(0, 0, new long[0], new double[0], List.of(), List.of(), 0, Long.MIN_VALUE, true);
  }

  /**
   * The state with {@code c} counted. A later sighting of a counted event (corroboration above 1,
   * or an event already held) never changes the weight: it only updates the corroboration and
   * links of the driver it is; returns this same state when it changes nothing.
   */
  public DyadWarmth with(Contribution c, WarmthParameters p) {
    for (int i = 0; i < drivers.size(); i++) {
      Contribution held = drivers.get(i);
      if (held.eventId().equals(c.eventId())) {
        List<Contribution> next = new ArrayList<>(drivers);
        next.set(i, held.corroborated(Math.max(held.corroboration(), c.corroboration()), c.urls(), c.sources()).withoutDetails());
        return new DyadWarmth(residual, residualTime, times, weights, next, signals, eventCount, asOf, false);
      }
    }
    if (c.corroboration() > 1 || c.isSignal() && signals.stream().anyMatch(s -> s.eventId().equals(c.eventId()))) {
      return this; // counted when first seen; no longer a driver candidate, so nothing shows it
    }
    long[] nextTimes = times;
    double[] nextWeights = weights;
    long day = Math.floorDiv(c.eventTime(), DAY) * DAY;
    double weight = day == c.eventTime() ? c.weight() : c.weight() * p.decay(day - c.eventTime());
    int at = Arrays.binarySearch(times, day);
    if (at >= 0) {
      nextWeights = weights.clone();
      nextWeights[at] += weight;
    } else {
      int insert = -at - 1;
      nextTimes = new long[times.length + 1];
      nextWeights = new double[weights.length + 1];
      System.arraycopy(times, 0, nextTimes, 0, insert);
      System.arraycopy(weights, 0, nextWeights, 0, insert);
      nextTimes[insert] = day;
      nextWeights[insert] = weight;
      System.arraycopy(times, insert, nextTimes, insert + 1, times.length - insert);
      System.arraycopy(weights, insert, nextWeights, insert + 1, weights.length - insert);
    }
    long nextAsOf = Math.max(asOf, c.eventTime());
    List<Contribution> nextSignals = signals;
    if (c.isSignal()) {
      nextSignals = new ArrayList<>(signals);
      nextSignals.add(c.withoutDetails());
      nextSignals.sort(OLDEST_FIRST);
    }
    List<Contribution> candidates = new ArrayList<>(drivers);
    candidates.add(c.withoutDetails());
    candidates.sort(OLDEST_FIRST);
    return new DyadWarmth(residual, residualTime, nextTimes, nextWeights, candidates, nextSignals, eventCount + 1, nextAsOf, false)
        .folded(p).pruned(p);
  }

  /** Moves the as-of time forward to {@code now} (for quiet dyads in live operation). */
  public DyadWarmth advancedTo(long now, WarmthParameters p) {
    return now <= asOf ? this
        : new DyadWarmth(residual, residualTime, times, weights, drivers, signals, eventCount, now, false).folded(p);
  }

  /** This state, marked as published (or not). */
  public DyadWarmth published(boolean published) {
    return published == this.published ? this
        : new DyadWarmth(residual, residualTime, times, weights, drivers, signals, eventCount, asOf, published);
  }

  /** Folds the weights older than the retention into the residual, and drops their drivers. */
  private DyadWarmth folded(WarmthParameters p) {
    long horizon = asOf - p.retention().toMillis();
    if (times.length == 0 || times[0] >= horizon) {
      return this;
    }
    double folded = residualTime == 0 && residual == 0 ? 0 : residual * p.decay(horizon - residualTime);
    int old = 0;
    while (old < times.length && times[old] < horizon) {
      folded += weights[old] * p.decay(horizon - times[old]);
      old++;
    }
    return new DyadWarmth(folded, horizon, Arrays.copyOfRange(times, old, times.length),
        Arrays.copyOfRange(weights, old, weights.length), since(drivers, horizon), since(signals, horizon), eventCount, asOf, published);
  }

  private static List<Contribution> since(List<Contribution> contributions, long horizon) {
    return contributions.stream().filter(c -> c.eventTime() >= horizon).toList();
  }

  /**
   * Drops the candidates that {@code maxDrivers} later-or-equal candidates outrank. Each is ranked
   * by its {@link #strength} once, latest first, against the strongest {@code maxDrivers} of the
   * later ones: a busy dyad holds hundreds of candidates, and comparing every pair through their
   * decayed weights (two powers a comparison) was 14% of the stream thread (docs/benchmarks.md).
   */
  private DyadWarmth pruned(WarmthParameters p) {
    int k = p.maxDrivers();
    int n = drivers.size();
    if (n <= k) {
      return this;
    }
    double halfLife = p.halfLife().toMillis();
    double[] strength = new double[n];
    Integer[] latestFirst = new Integer[n];
    for (int i = 0; i < n; i++) {
      strength[i] = strength(drivers.get(i), halfLife);
      latestFirst[i] = i;
    }
    // Negative when candidate a outranks candidate b.
    Comparator<Integer> outranks = (a, b) -> {
      int byStrength = Double.compare(strength[b], strength[a]);
      return byStrength != 0 ? byStrength : drivers.get(a).eventId().compareTo(drivers.get(b).eventId());
    };
    // Latest first; among equal times strongest first, so that a candidate's place in its group
    // is the number of the group's candidates that outrank it.
    Arrays.sort(latestFirst, Comparator.<Integer>comparingLong(i -> -drivers.get(i).eventTime()).thenComparing(outranks));
    boolean[] keep = new boolean[n];
    int kept = 0;
    int[] strongestLater = new int[k]; // the k strongest candidates later than the group, strongest first
    int held = 0;
    for (int start = 0; start < n; ) {
      long time = drivers.get(latestFirst[start]).eventTime();
      int end = start;
      while (end < n && drivers.get(latestFirst[end]).eventTime() == time) {
        end++;
      }
      for (int at = start; at < end; at++) {
        int candidate = latestFirst[at];
        int outrankedBy = at - start;
        for (int h = 0; h < held && outrankedBy < k && outranks.compare(strongestLater[h], candidate) < 0; h++) {
          outrankedBy++;
        }
        if (outrankedBy < k) {
          keep[candidate] = true;
          kept++;
        }
      }
      for (int at = start; at < end; at++) {
        held = insertStrongest(strongestLater, held, latestFirst[at], outranks);
      }
      start = end;
    }
    if (kept == n) {
      return this;
    }
    List<Contribution> next = new ArrayList<>(kept);
    for (int i = 0; i < n; i++) {
      if (keep[i]) {
        next.add(drivers.get(i));
      }
    }
    return new DyadWarmth(residual, residualTime, times, weights, next, signals, eventCount, asOf, published);
  }

  /** Puts {@code candidate} into a strongest-first list that holds at most its length; returns its size. */
  private static int insertStrongest(int[] strongest, int held, int candidate, Comparator<Integer> outranks) {
    int at = held;
    while (at > 0 && outranks.compare(candidate, strongest[at - 1]) < 0) {
      at--;
    }
    if (at == strongest.length) {
      return held;
    }
    int size = Math.min(held + 1, strongest.length);
    System.arraycopy(strongest, at, strongest, at + 1, size - at - 1);
    strongest[at] = candidate;
    return size;
  }

  private static final double LN_2 = Math.log(2);

  /**
   * log₂(|weight|·2^(t/h)): orders contributions as their decayed weights |w|·2^−(T−t)/h do at
   * any time T, without T — so a ranking cannot depend on when it is made, and costs no power.
   */
  static double strength(Contribution c, double halfLifeMillis) {
    return Math.log(Math.abs(c.weight())) / LN_2 + c.eventTime() / halfLifeMillis;
  }

  /** Largest |contribution| first (at any time: {@link #strength}), then by event id. */
  private static Comparator<Contribution> strongestFirst(WarmthParameters p) {
    double halfLife = p.halfLife().toMillis();
    return Comparator.comparingDouble((Contribution c) -> -strength(c, halfLife)).thenComparing(Contribution::eventId);
  }

  /** Raw W at {@code time}, counting only events at or before it. */
  public double rawAt(long time, WarmthParameters p) {
    double raw = residualTime == 0 && residual == 0 ? 0 : residual * p.decay(time - residualTime);
    for (int i = 0; i < times.length && times[i] <= time; i++) {
      raw += weights[i] * p.decay(time - times[i]);
    }
    return raw;
  }

  /** The dyad's score as of its as-of time, with the top drivers. */
  public WarmthSnapshot snapshot(WarmthParameters p) {
    double raw = rawAt(asOf, p);
    double value = p.scaled(raw);
    double change7 = value - p.scaled(rawAt(asOf - 7 * DAY, p));
    double change30 = value - p.scaled(rawAt(asOf - 30 * DAY, p));
    List<WarmthSnapshot.Driver> top = drivers.stream()
        .filter(c -> c.eventTime() <= asOf)
        .sorted(strongestFirst(p))
        .limit(p.maxDrivers())
        .map(c -> new WarmthSnapshot.Driver(c, c.weight() * p.decay(asOf - c.eventTime())))
        .toList();
    return new WarmthSnapshot(value, raw, change7, change30, eventCount, asOf, top);
  }
}
