package io.relmon.scoring;

import java.time.Duration;

/**
 * Lets a retention sweep (a stream-time punctuation that reads a whole store) run at most once per
 * {@link #GAP} of wall-clock time. Live, stream time moves with the clock and the sweeps are their
 * own interval apart anyway (a day, six days); replaying a backlog moves stream time by days a
 * second, and under the bench's news-shaped load (200 articles a day of stream time) the identity
 * sweep ran every two seconds and took 23% of the stream thread, the history sweep 5%
 * (docs/benchmarks.md). A store then holds at most what ten minutes of the replay brought past its
 * retention. In memory: a restarted task may sweep at once.
 */
public final class SweepGate {

  public static final Duration GAP = Duration.ofMinutes(10);

  private long last = Long.MIN_VALUE;

  /** Whether a sweep may run at {@code nowMs} (wall clock); if so, it counts as run. */
  public boolean open(long nowMs) {
    if (last != Long.MIN_VALUE && nowMs - last < GAP.toMillis()) {
      return false;
    }
    last = nowMs;
    return true;
  }
}
