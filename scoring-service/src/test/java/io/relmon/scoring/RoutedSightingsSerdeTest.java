package io.relmon.scoring;

import static io.relmon.scoring.Fixtures.article;
import static io.relmon.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relmon.schemas.AvroSerde;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.EventType;
import io.relmon.scoring.signals.SignalParameters;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RoutedSightingsSerdeTest {

  private final RoutedSightingsSerde serde = new RoutedSightingsSerde();
  private static final String TOPIC = "relmon-scoring-sightings-by-dyad-repartition";

  @Test
  void shouldReadBackARoutesCopyOfAnArticle() {
    ArticleEvent article = article("a1", "2026-01-15T07:00:00Z",
        event(EventType.SUMMIT, "CHN", List.of("RUS"), "2026-01-14", 4),
        event(EventType.STATEMENT_FRIENDLY, "RUS", List.of("CHN"), null, 2));
    ArticleEvent copy = TopologyMappings.sightingsByRoute(article, SignalParameters.defaults()).get(0).value;

    ArticleEvent read = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, copy));

    assertThat(read).isEqualTo(copy);
  }

  @Test
  void shouldReadASightingAnEarlierBuildLeftInTheTopicAsTheSameSighting() {
    // Until the fourth session of 2026-12-03 the topic held one DedupedEvent per sighting: those left by a stopped old
    // build must still count, as the same event from the same article.
    ArticleEvent article = article("a1", "2026-01-15T07:00:00Z",
        event(EventType.SANCTIONS, "USA", List.of("IRN"), null, -6));
    DedupedEvent earlier = TopologyMappings.sightings(article).get(0).value;

    ArticleEvent read = serde.deserializer().deserialize(TOPIC, AvroSerde.of(DedupedEvent.class).encode(earlier));

    assertThat(TopologyMappings.sightingsOf(read)).containsExactly(earlier);
  }

  @Test
  void shouldRefuseBytesOfNeitherFormWithAReason() {
    byte[] warmth = AvroSerde.of(io.relmon.schemas.avro.Signal.class).schema().toString().getBytes();

    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, warmth))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("ArticleEvent");
  }
}
