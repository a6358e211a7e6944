package io.relmon.scoring.dedupe;

import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.SourceRef;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * De-duplicates sightings keyed by event identity. The first sighting is forwarded as the event;
 * a sighting from another article raises the corroboration and is forwarded as an update; a
 * sighting from an article already counted (a re-ingested article, or the same event twice in
 * one article) changes nothing. Output is keyed by event id and timestamped with the event time.
 *
 * <p>Bounded: a record larger than Kafka accepts stops the stream task, and an event reported by
 * thousands of articles once grew its stored record past that. The store lists the first
 * {@link #MAX_LISTED_SOURCES} sources in full and the later ones by article id only, up to
 * {@link #MAX_REMEMBERED_SOURCES}; past that an event is saturated: further sightings are counted
 * as such in metrics and change nothing (no warmth weight grows past a few dozen reports).
 * And bounded in time: once a day of stream time, events whose time lies more than the retention
 * before the stream time are forgotten (tombstoned in the changelog). An article reporting one
 * of them later counts it again, with the weight its age has decayed to (the retention is twice
 * warmth's own, so at most 2^-6 of the weight with the default 30-day half-life).
 */
public final class DedupeProcessor implements Processor<String, DedupedEvent, String, DedupedEvent> {

  /** Sources listed on an output record; corroboration keeps counting past it. */
  public static final int MAX_LISTED_SOURCES = 20;
  /** Articles remembered per event, to recognise a re-ingested one: about 60 bytes each in the store. */
  public static final int MAX_REMEMBERED_SOURCES = 2_000;

  /** How often, in stream time, expired identities are looked for. */
  static final java.time.Duration SWEEP_INTERVAL = java.time.Duration.ofDays(1);

  private final String storeName;
  private final java.time.Duration retention;
  private final java.util.function.BiConsumer<String, String> outcomes;
  private ProcessorContext<String, DedupedEvent> context;
  private KeyValueStore<String, DedupedEvent> seen;
  private org.apache.kafka.streams.processor.Cancellable sweep;

  public DedupeProcessor(String storeName, java.time.Duration retention) {
    this(storeName, retention, (result, type) -> { });
  }

  /** {@code outcomes} hears each outcome — first, corroborated, repeated, saturated, forgotten — with the event type. */
  public DedupeProcessor(String storeName, java.time.Duration retention, java.util.function.BiConsumer<String, String> outcomes) {
    this.storeName = storeName;
    this.retention = retention;
    this.outcomes = outcomes;
  }

  @Override
  public void init(ProcessorContext<String, DedupedEvent> context) {
    this.context = context;
    this.seen = context.getStateStore(storeName);
    this.sweep = context.schedule(SWEEP_INTERVAL, org.apache.kafka.streams.processor.PunctuationType.STREAM_TIME, this::forgetBefore);
  }

  /** Deletes the identities of events older than the retention, as of {@code streamTime}. */
  private void forgetBefore(long streamTime) {
    long cutoff = streamTime - retention.toMillis();
    List<String> expired = new ArrayList<>();
    try (var all = seen.all()) {
      while (all.hasNext()) {
        var entry = all.next();
        if (entry.value.getEventTime().toEpochMilli() < cutoff) {
          expired.add(entry.key);
        }
      }
    }
    for (String key : expired) {
      DedupedEvent gone = seen.delete(key);
      outcomes.accept("forgotten", gone == null ? "unknown" : gone.getEvent().getType().name());
    }
  }

  @Override
  public void close() {
    if (sweep != null) {
      sweep.cancel();
    }
  }

  @Override
  public void process(Record<String, DedupedEvent> sighting) {
    DedupedEvent incoming = sighting.value();
    DedupedEvent known = seen.get(sighting.key());
    DedupedEvent result;
    if (known == null) {
      result = incoming;
      outcomes.accept("first", incoming.getEvent().getType().name());
    } else {
      String articleId = incoming.getFirstSeen().getArticleId();
      if (known.getSources().stream().anyMatch(s -> s.getArticleId().equals(articleId))) {
        outcomes.accept("repeated", known.getEvent().getType().name());
        return;
      }
      if (known.getSources().size() >= MAX_REMEMBERED_SOURCES) {
        outcomes.accept("saturated", known.getEvent().getType().name());
        return;
      }
      List<SourceRef> sources = new ArrayList<>(known.getSources());
      SourceRef source = incoming.getFirstSeen();
      // Past the listed ones, only the id is needed: to recognise the article when it comes again.
      sources.add(sources.size() < MAX_LISTED_SOURCES ? source
          : SourceRef.newBuilder(source).setUrl(null).setSource("").setTitle(null).build());
      outcomes.accept("corroborated", known.getEvent().getType().name());
      result = DedupedEvent.newBuilder(known)
          .setCorroboration(known.getCorroboration() + 1)
          .setSources(sources)
          .setUpdatedAt(incoming.getUpdatedAt().isAfter(known.getUpdatedAt()) ? incoming.getUpdatedAt() : known.getUpdatedAt())
          .build();
    }
    // The store keeps every source so that re-ingestion is recognised however many there are.
    seen.put(sighting.key(), result);
    DedupedEvent out = result.getSources().size() <= MAX_LISTED_SOURCES ? result
        : DedupedEvent.newBuilder(result).setSources(List.copyOf(result.getSources().subList(0, MAX_LISTED_SOURCES))).build();
    context.forward(new Record<>(out.getEventId(), out, out.getEventTime().toEpochMilli(), sighting.headers()));
  }
}
