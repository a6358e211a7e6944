package io.relmon.alert.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * When to try a failing channel again, and when to give up on a delivery. Plain Java over
 * instants the caller reads from its {@link java.time.Clock}: the notifier asks, it never sleeps.
 *
 * <p>Backoff is exponential: after the n-th consecutive failure the channel rests {@code first ×
 * 2^(n-1)}, at most {@code max}. A delivery is given up (FAILED) after {@code attempts} attempts
 * for it, or once {@code budget} has passed since it first had to wait, whichever comes first.
 *
 * @param budget how long a delivery may wait for its channel; the 3-argument constructor makes it
 *     the time the backoff takes to reach the last attempt (8 attempts from 1 s to 30 s: 91 s),
 *     which keeps the behaviour of the former inline retries
 */
public record RetryPolicy(int attempts, Duration first, Duration max, Duration budget) {

  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
    }
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("need 0 < first <= max: " + first + ", " + max);
    }
    if (budget.isNegative()) {
      throw new IllegalArgumentException("budget must not be negative: " + budget);
    }
  }

  public RetryPolicy(int attempts, Duration first, Duration max) {
    this(attempts, first, max, span(attempts, first, max));
  }

  /** 8 attempts, waiting 1 s, then twice that, up to 30 s: 91 s from the first to the last. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  /** The waits between {@code attempts} attempts added up. */
  public static Duration span(int attempts, Duration first, Duration max) {
    Duration total = Duration.ZERO;
    for (int failures = 1; failures < attempts; failures++) {
      total = total.plus(delay(failures, first, max));
    }
    return total;
  }

  /** How long a channel rests after {@code consecutiveFailures} failures in a row (at least 1). */
  public Duration delayAfter(int consecutiveFailures) {
    return delay(consecutiveFailures, first, max);
  }

  private static Duration delay(int failures, Duration first, Duration max) {
    // Doubling 62 times overflows a long of nanoseconds long before; max caps it far sooner.
    Duration wait = first;
    for (int i = 1; i < failures && wait.compareTo(max) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(max) > 0 ? max : wait;
  }

  /**
   * True when a delivery that has had {@code attemptsMade} attempts and has waited since
   * {@code since} is to be given up at {@code now}.
   */
  public boolean givesUp(int attemptsMade, Instant since, Instant now) {
    return attemptsMade >= attempts || !now.isBefore(since.plus(budget));
  }
}
