package io.relmon.scoring.warmth;

import java.util.List;

/**
 * One de-duplicated event (or composite signal) as it counts into a dyad's warmth.
 *
 * @param eventId key of the event on relmon.events.v1
 * @param weight weight × confidence at the event's own time
 * @param eventTime epoch millis the contribution decays from
 * @param corroboration distinct articles that reported it so far
 * @param urls links to those articles
 */
public record Contribution(
    String eventId, String type, String actor, List<String> targets, String date, long eventTime,
    double weight, int corroboration, String evidence, List<String> urls) {
  public Contribution {
    targets = List.copyOf(targets);
    urls = List.copyOf(urls);
  }

  /** Whether this is a composite signal rather than an event. */
  public boolean isSignal() {
    return SIGNAL_TYPES.contains(type);
  }

  private static final java.util.Set<String> SIGNAL_TYPES = java.util.Arrays.stream(io.relmon.schemas.avro.SignalType.values())
      .map(Enum::name).collect(java.util.stream.Collectors.toUnmodifiableSet());

  Contribution corroborated(int corroboration, List<String> urls) {
    return new Contribution(eventId, type, actor, targets, date, eventTime, weight, corroboration, evidence, urls);
  }
}
