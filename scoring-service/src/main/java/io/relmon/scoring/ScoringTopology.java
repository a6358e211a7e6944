package io.relmon.scoring;

import io.relmon.schemas.AvroSerde;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.CodedEvent;
import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.SourceRef;
import io.relmon.scoring.dedupe.DedupeProcessor;
import io.relmon.scoring.dedupe.EventIdentity;
import io.relmon.scoring.warmth.DyadWarmth;
import io.relmon.scoring.warmth.WarmthParameters;
import io.relmon.scoring.warmth.WarmthProcessor;
import io.relmon.service.JsonSerde;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The scoring topology, top to bottom (docs/topology.md holds its {@code describe()}):
 *
 * <ol>
 *   <li>{@code read-articles}: article events from relmon.articles.v1;
 *   <li>{@code explode-coded-events}: one sighting per coded event, keyed by event identity;
 *   <li>{@code events-by-identity}: repartition, so every sighting of an event meets the same task;
 *   <li>{@code dedupe-events} with {@code event-identity-store}: first sighting counts, later ones
 *       corroborate; written to relmon.events.v1 by {@code write-events};
 *   <li>{@code fan-out-to-dyads}: one record per dyad the event touches (actor × each target);
 *   <li>{@code events-by-dyad}: repartition by dyad;
 *   <li>{@code update-dyad-warmth} with {@code dyad-warmth-store}: decayed warmth, written to
 *       relmon.warmth.v1 by {@code write-warmth}.
 * </ol>
 *
 * Builds the graph only; no I/O. Tests build the same topology the service runs.
 */
public final class ScoringTopology {

  public static final String EVENT_IDENTITY_STORE = "event-identity-store";
  public static final String DYAD_WARMTH_STORE = "dyad-warmth-store";

  private ScoringTopology() {}

  /**
   * Builds the topology under the service's Streams configuration, so that
   * {@code ensure.explicit.internal.resource.naming} is enforced at build time.
   */
  public static Topology build(Topics topics, WarmthParameters warmth, Properties streamsConfig) {
    StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsConfig)));
    AvroSerde<DedupedEvent> dedupedSerde = AvroSerde.of(DedupedEvent.class);

    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(EVENT_IDENTITY_STORE), Serdes.String(), dedupedSerde));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(DYAD_WARMTH_STORE), Serdes.String(), new JsonSerde<>(DyadWarmth.class)));

    KStream<String, DedupedEvent> events = builder
        .stream(topics.articles().name(),
            Consumed.with(topics.articles().keySerde(), topics.articles().valueSerde()).withName("read-articles"))
        .flatMap((articleId, article) -> sightings(article), Named.as("explode-coded-events"))
        .repartition(Repartitioned.with(Serdes.String(), dedupedSerde).withName("events-by-identity"))
        .process(() -> new DedupeProcessor(EVENT_IDENTITY_STORE), Named.as("dedupe-events"), EVENT_IDENTITY_STORE);

    events.to(topics.events().name(),
        Produced.with(topics.events().keySerde(), topics.events().valueSerde()).withName("write-events"));

    events
        .flatMap((eventId, event) -> byDyad(event), Named.as("fan-out-to-dyads"))
        .repartition(Repartitioned.with(Serdes.String(), dedupedSerde).withName("events-by-dyad"))
        .process(() -> new WarmthProcessor(DYAD_WARMTH_STORE, warmth), Named.as("update-dyad-warmth"), DYAD_WARMTH_STORE)
        .to(topics.warmth().name(),
            Produced.with(topics.warmth().keySerde(), topics.warmth().valueSerde()).withName("write-warmth"));

    return builder.build(streamsConfig);
  }

  /** One sighting per coded event of the article, keyed by the event's identity. */
  static List<KeyValue<String, DedupedEvent>> sightings(ArticleEvent article) {
    if (article == null) {
      return List.of();
    }
    SourceRef source = SourceRef.newBuilder()
        .setArticleId(article.getArticleId())
        .setUrl(article.getUrl())
        .setSource(article.getSource())
        .setPublished(article.getPublished())
        .build();
    List<KeyValue<String, DedupedEvent>> out = new ArrayList<>();
    for (CodedEvent event : article.getEvents()) {
      String identity = EventIdentity.of(event.getType().name(), event.getActor(), event.getTargets(),
          event.getDate(), article.getPublished());
      Instant eventTime = EventIdentity.eventTime(event.getDate(), article.getPublished());
      out.add(KeyValue.pair(identity, DedupedEvent.newBuilder()
          .setEventId(EventIdentity.id(identity))
          .setIdentity(identity)
          .setEvent(event)
          .setEventTime(eventTime)
          .setFirstSeen(source)
          .setCorroboration(1)
          .setSources(List.of(source))
          .setUpdatedAt(article.getPublished())
          .build()));
    }
    return out;
  }

  /** The dyads an event touches: its actor with each target, each dyad once. */
  static List<KeyValue<String, DedupedEvent>> byDyad(DedupedEvent event) {
    String actor = event.getEvent().getActor();
    return event.getEvent().getTargets().stream()
        .filter(target -> !target.equals(actor))
        .map(target -> Dyads.key(actor, target))
        .distinct()
        .map(dyad -> KeyValue.pair(dyad, event))
        .toList();
  }
}
