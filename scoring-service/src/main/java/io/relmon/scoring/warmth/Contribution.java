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

  Contribution corroborated(int corroboration, List<String> urls) {
    return new Contribution(eventId, type, actor, targets, date, eventTime, weight, corroboration, evidence, urls);
  }
}
