package io.relmon.alert.notify;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When a worker thread last completed a round of its loop, and whether it still counts as alive:
 * its thread runs and its last beat is at most {@code stallBound} ago. Measured on a monotonic
 * clock (nanoseconds), never on a clock that tests or NTP move.
 */
public final class Heartbeat {

  private final LongSupplier nanoTime;
  private final Duration stallBound;
  private volatile long lastBeat;

  public Heartbeat(Duration stallBound) {
    this(System::nanoTime, stallBound);
  }

  Heartbeat(LongSupplier nanoTime, Duration stallBound) {
    this.nanoTime = nanoTime;
    this.stallBound = stallBound;
    this.lastBeat = nanoTime.getAsLong();
  }

  /** A round completed (or, while starting, progress was made). */
  public void beat() {
    lastBeat = nanoTime.getAsLong();
  }

  /** Seconds since the last beat. */
  public double ageSeconds() {
    return Math.max(0, nanoTime.getAsLong() - lastBeat) / 1e9;
  }

  /** True when {@code worker} runs and beat within the bound. */
  public boolean alive(Thread worker) {
    return worker.isAlive() && nanoTime.getAsLong() - lastBeat <= stallBound.toNanos();
  }

  public Duration stallBound() {
    return stallBound;
  }
}
