package io.relmon.scoring.warmth;

import java.time.Duration;

/**
 * Parameters of the warmth score (docs/warmth-score.md).
 *
 * @param halfLife h: an event's contribution halves every h
 * @param scale K: the published value is 100·tanh(W/K)
 * @param maxDrivers how many top drivers an update lists
 * @param retention events younger than this (before the as-of time) are kept one by one, for
 *     drivers and the 7- and 30-day change; older ones are folded into one decayed residual
 */
public record WarmthParameters(Duration halfLife, double scale, int maxDrivers, Duration retention) {
  public WarmthParameters {
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException("half-life must be positive");
    }
    if (!(scale > 0)) {
      throw new IllegalArgumentException("scale must be positive");
    }
    if (retention.compareTo(Duration.ofDays(30)) < 0) {
      throw new IllegalArgumentException("retention must cover the 30-day change");
    }
  }

  public static WarmthParameters defaults() {
    return new WarmthParameters(Duration.ofDays(30), 25, 5, Duration.ofDays(90));
  }

  /** 2^(−age/h): what a contribution of 1 made {@code ageMillis} ago is worth now. */
  public double decay(long ageMillis) {
    return Math.pow(2, -(double) ageMillis / halfLife.toMillis());
  }

  /** The published value of a raw sum: 100·tanh(W/K). */
  public double scaled(double raw) {
    return 100 * Math.tanh(raw / scale);
  }
}
