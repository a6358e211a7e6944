package io.relmon.alert.rules;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A channel's daily digest: the alerts queued for the channel are delivered together once a day
 * at {@code at} in {@code zone} (for example 07:30 in Asia/Seoul, before the desk's morning
 * meeting). A day without alerts sends nothing.
 */
public record DailyDigest(LocalTime at, ZoneId zone) {

  /**
   * The latest digest time at or before {@code now}: the digest of that time holds every alert
   * queued up to it. Also right after a day the notifier was down: the missed digest goes at once.
   */
  public Instant latestAtOrBefore(Instant now) {
    ZonedDateTime local = now.atZone(zone);
    ZonedDateTime today = local.toLocalDate().atTime(at).atZone(zone);
    return (today.isAfter(local) ? today.minusDays(1) : today).toInstant();
  }

  /** The first digest time after {@code now}. */
  public Instant nextAfter(Instant now) {
    ZonedDateTime local = now.atZone(zone);
    ZonedDateTime today = local.toLocalDate().atTime(at).atZone(zone);
    return (today.isAfter(local) ? today : today.plusDays(1)).toInstant();
  }
}
