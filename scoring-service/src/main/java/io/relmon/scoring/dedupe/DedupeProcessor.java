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
 */
public final class DedupeProcessor implements Processor<String, DedupedEvent, String, DedupedEvent> {

  /** Sources listed on an output record; corroboration keeps counting past it. */
  public static final int MAX_LISTED_SOURCES = 20;

  private final String storeName;
  private final java.util.function.BiConsumer<String, String> outcomes;
  private ProcessorContext<String, DedupedEvent> context;
  private KeyValueStore<String, DedupedEvent> seen;

  public DedupeProcessor(String storeName) {
    this(storeName, (result, type) -> { });
  }

  /** {@code outcomes} hears each outcome — first, corroborated, repeated — with the event type. */
  public DedupeProcessor(String storeName, java.util.function.BiConsumer<String, String> outcomes) {
    this.storeName = storeName;
    this.outcomes = outcomes;
  }

  @Override
  public void init(ProcessorContext<String, DedupedEvent> context) {
    this.context = context;
    this.seen = context.getStateStore(storeName);
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
      List<SourceRef> sources = new ArrayList<>(known.getSources());
      sources.add(incoming.getFirstSeen());
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
