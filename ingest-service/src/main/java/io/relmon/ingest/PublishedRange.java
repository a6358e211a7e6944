package io.relmon.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The publication times relmon accepts: from 1970 (Kafka's record timestamps cannot be earlier)
 * to {@code maxAhead} past the server's clock. The broker itself refuses a timestamp more than
 * {@code log.message.timestamp.after.max.ms} ahead (one hour by default since Kafka 4.0), and a
 * client told "503, retry later" for that would retry forever: so the time is checked here and
 * answered 400 with the range. Keep {@code maxAhead} at or below the broker's setting.
 *
 * @param maxAhead how far past now a publication time may lie (clock skew, a wrong offset)
 */
public record PublishedRange(Duration maxAhead) {

  /** The earliest publication time accepted. */
  public static final Instant EARLIEST = Instant.EPOCH;

  /** One hour ahead: Kafka's own default for {@code log.message.timestamp.after.max.ms}. */
  public static PublishedRange defaults() {
    return new PublishedRange(Duration.ofHours(1));
  }

  public PublishedRange {
    if (maxAhead.isNegative()) {
      throw new IllegalArgumentException("maxAhead must not be negative");
    }
  }

  /** Empty when {@code published} is in range at {@code now}; otherwise what to tell the sender. */
  public Optional<String> check(Instant published, Instant now) {
    Instant latest = now.plus(maxAhead);
    if (published.isBefore(EARLIEST) || published.isAfter(latest)) {
      return Optional.of("published: " + published + " is out of range; accepted from " + EARLIEST
          + " to " + latest + " (the server's clock plus " + maxAhead.toMinutes() + " minutes)");
    }
    return Optional.empty();
  }
}
