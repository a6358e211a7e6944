package io.relmon.scoring.warmth;

import java.util.List;

/** A dyad's warmth as of a time: what relmon.warmth.v1 publishes. */
public record WarmthSnapshot(
    double value, double raw, double change7d, double change30d, int eventCount, long asOf, List<Driver> drivers) {

  /** This snapshot with each driver's event as {@code details} gives it (with its evidence and reports). */
  public WarmthSnapshot withDetails(java.util.function.UnaryOperator<Contribution> details) {
    return new WarmthSnapshot(value, raw, change7d, change30d, eventCount, asOf,
        drivers.stream().map(d -> new Driver(details.apply(d.event()), d.contribution())).toList());
  }

  /** An event and what it contributes at the as-of time. */
  public record Driver(Contribution event, double contribution) {}
}
