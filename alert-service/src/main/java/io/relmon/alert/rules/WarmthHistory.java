package io.relmon.alert.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A dyad's recent warmth, oldest first, as the rules see it: for drops within a window and for
 * the e-mail's 90-day chart. Points older than {@link #KEPT_DAYS} days before the latest are
 * dropped; an update with an older as-of time than the latest is placed where it belongs.
 */
public record WarmthHistory(List<Point> points) {

  public static final int KEPT_DAYS = 90;
  private static final long DAY = 86_400_000L;
  private static final int MAX_POINTS = 2_000;

  /** The warmth at one time. */
  public record Point(long asOf, double value) {}

  public WarmthHistory {
    points = List.copyOf(points);
  }

  public static WarmthHistory empty() {
    return new WarmthHistory(List.of());
  }

  public WarmthHistory with(long asOf, double value) {
    List<Point> next = new ArrayList<>(points);
    next.removeIf(p -> p.asOf() == asOf);
    next.add(new Point(asOf, value));
    next.sort((a, b) -> Long.compare(a.asOf(), b.asOf()));
    long latest = next.get(next.size() - 1).asOf();
    next.removeIf(p -> p.asOf() < latest - KEPT_DAYS * DAY);
    while (next.size() > MAX_POINTS) {
      next.remove(0);
    }
    return new WarmthHistory(next);
  }

  /** The highest value in the {@code windowMillis} before (and at) {@code asOf}. */
  public double highSince(long asOf, long windowMillis) {
    return points.stream().filter(p -> p.asOf() <= asOf && p.asOf() >= asOf - windowMillis)
        .mapToDouble(Point::value).max().orElse(Double.NEGATIVE_INFINITY);
  }
}
