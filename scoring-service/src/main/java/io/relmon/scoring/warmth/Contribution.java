package io.relmon.scoring.warmth;

import java.util.List;

/**
 * One de-duplicated event (or composite signal) as it counts into a dyad's warmth, with what the
 * history and the e-mails show of it.
 *
 * @param eventId key of the event on relmon.events.v1
 * @param date the event's own date as coded, or null when the text gave none (then
 *     {@code eventTime} is the publication time)
 * @param weight weight × confidence at the event's own time
 * @param eventTime epoch millis the contribution decays from
 * @param corroboration distinct articles that reported it so far
 * @param urls links to those articles
 * @param modality FACT, PLANNED or HEDGED (a signal: FACT)
 * @param sources the articles that reported it, first sighting first (at most {@link #MAX_SOURCES})
 * @param cited for a composite signal, the events it rests on (without cited events of their own)
 */
public record Contribution(
    String eventId, String type, String actor, List<String> targets, String date, long eventTime,
    double weight, int corroboration, String evidence, List<String> urls, String modality, List<Source> sources,
    List<Contribution> cited) {

  /** Sources kept per event: enough to name who reported it; corroboration keeps the count. */
  public static final int MAX_SOURCES = 5;

  /** An article that reported the event: its id, outlet, headline (null in records before headlines were carried), link, publication time. */
  public record Source(String articleId, String outlet, String title, String url, long published) {}

  public Contribution {
    targets = List.copyOf(targets);
    urls = List.copyOf(urls);
    modality = modality == null ? "FACT" : modality;
    // Null where JSON written by an earlier build lacks them.
    sources = sources == null ? List.of() : List.copyOf(sources.size() > MAX_SOURCES ? sources.subList(0, MAX_SOURCES) : sources);
    cited = cited == null ? List.of() : List.copyOf(cited);
  }

  /** A contribution without sources or cited events (as written before they were carried). */
  public Contribution(String eventId, String type, String actor, List<String> targets, String date, long eventTime,
      double weight, int corroboration, String evidence, List<String> urls) {
    this(eventId, type, actor, targets, date, eventTime, weight, corroboration, evidence, urls, "FACT", List.of(), List.of());
  }

  /** Whether this is a composite signal rather than an event. */
  public boolean isSignal() {
    return SIGNAL_TYPES.contains(type);
  }

  private static final java.util.Set<String> SIGNAL_TYPES = java.util.Arrays.stream(io.relmon.schemas.avro.SignalType.values())
      .map(Enum::name).collect(java.util.stream.Collectors.toUnmodifiableSet());

  /**
   * This event without its text and reports — evidence, links, sources, cited events — which the
   * dyad's history holds: a warmth state keeps of its driver candidates only what ranks them, as
   * encoding their reports on every event of a busy dyad was the stream thread's largest cost
   * (docs/benchmarks.md). {@link io.relmon.scoring.history.HistoryDetails} puts them back.
   */
  public Contribution withoutDetails() {
    return (evidence == null || evidence.isEmpty()) && urls.isEmpty() && sources.isEmpty() && cited.isEmpty() ? this
        : new Contribution(eventId, type, actor, targets, date, eventTime, weight, corroboration, "", List.of(), modality,
            List.of(), List.of());
  }

  /** The same event as a later sighting shows it: more articles, more links and sources. */
  Contribution corroborated(int corroboration, List<String> urls, List<Source> sources) {
    return new Contribution(eventId, type, actor, targets, date, eventTime, weight, corroboration, evidence, urls, modality,
        sources.isEmpty() ? this.sources : sources, cited);
  }
}
