package io.relmon.scoring.warmth;

import java.util.List;

/** A dyad's warmth as of a time: what relmon.warmth.v1 publishes. */
public record WarmthSnapshot(
    double value, double raw, double change7d, double change30d, int eventCount, long asOf, List<Driver> drivers) {

  /** An event and what it contributes at the as-of time. */
  public record Driver(Contribution event, double contribution) {}
}
