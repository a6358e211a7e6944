package io.relmon.scoring;

import io.relmon.schemas.AvroSerde;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.SourceKind;
import io.relmon.schemas.avro.SourceRef;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Values of {@code sightings-by-dyad}: an article's events at one route, as an
 * {@link ArticleEvent} without body ({@link TopologyMappings#sightingsByRoute}). Also reads the
 * form builds before 405f44b (2026-12-03) wrote there — one {@link DedupedEvent} per sighting — as a copy
 * holding that one event, so a stopped old build's records still waiting in the topic are counted
 * by the new one without a reset (docs/runbook.md, "Upgrade scoring across an internal record form
 * change"). Either form is told apart by its Avro writer schema; bytes of neither are refused
 * with both reasons.
 */
final class RoutedSightingsSerde implements Serde<ArticleEvent> {

  private final AvroSerde<ArticleEvent> copies = AvroSerde.of(ArticleEvent.class);
  private final AvroSerde<DedupedEvent> sightings = AvroSerde.of(DedupedEvent.class);

  @Override
  public Serializer<ArticleEvent> serializer() {
    return copies.serializer();
  }

  @Override
  public Deserializer<ArticleEvent> deserializer() {
    Deserializer<ArticleEvent> current = copies.deserializer();
    Deserializer<DedupedEvent> earlier = sightings.deserializer();
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return current.deserialize(topic, bytes);
      } catch (SerializationException notACopy) {
        DedupedEvent sighting;
        try {
          sighting = earlier.deserialize(topic, bytes);
        } catch (SerializationException notASighting) {
          notACopy.addSuppressed(notASighting);
          throw notACopy;
        }
        return copyOf(sighting);
      }
    };
  }

  /** A one-event copy of the article an earlier build's sighting came from: what the sighting knew of it. */
  static ArticleEvent copyOf(DedupedEvent sighting) {
    SourceRef seen = sighting.getFirstSeen();
    return TopologyMappings.routeCopy(seen, SourceKind.OTHER, seen.getPublished(), List.of(sighting.getEvent()));
  }
}
