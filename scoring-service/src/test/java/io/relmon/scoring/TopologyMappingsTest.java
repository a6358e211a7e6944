package io.relmon.scoring;

import static io.relmon.scoring.Fixtures.article;
import static io.relmon.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.EventType;
import io.relmon.schemas.avro.Modality;
import io.relmon.scoring.signals.SignalParameters;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

class TopologyMappingsTest {

  private static final SignalParameters SIGNALS = SignalParameters.defaults();

  private static List<KeyValue<String, DedupedEvent>> routed(io.relmon.schemas.avro.CodedEvent... events) {
    return TopologyMappings.sightingsByRoute(article("a1", "2026-01-15T07:00:00Z", events), SIGNALS);
  }

  @Test
  void shouldRouteASightingToEachOfItsDyadsWhateverTheTargetsOrder() {
    var one = routed(event(EventType.SANCTIONS, "USA", List.of("RUS", "IRN", "RUS"), "2026-01-14", -6));
    var other = routed(event(EventType.SANCTIONS, "USA", List.of("IRN", "RUS"), "2026-01-14", -6));

    assertThat(one).extracting(kv -> kv.key).containsExactly("IRN-USA", "RUS-USA");
    assertThat(other).extracting(kv -> kv.key).containsExactly("IRN-USA", "RUS-USA");
    assertThat(TopologyMappings.isPrimaryRoute("IRN-USA", one.get(0).value, SIGNALS)).isTrue();
    assertThat(TopologyMappings.isPrimaryRoute("RUS-USA", one.get(0).value, SIGNALS)).isFalse();
  }

  @Test
  void shouldRouteAnUntargetedEventToTheActorsAdversariesWhateverItsWeightAndOtherwiseToTheActor() {
    // Routes follow the identity only: two reports of one event may disagree on weight or modality.
    var hostile = routed(event(EventType.MISSILE_TEST, "PRK", List.of(), "2026-01-14", -7));
    var friendly = routed(event(EventType.MISSILE_TEST, "PRK", List.of(), "2026-01-14", 1, Modality.PLANNED));
    var alone = routed(event(EventType.STATEMENT_FRIENDLY, "BRA", List.of("BRA"), "2026-01-14", 2));

    assertThat(hostile).extracting(kv -> kv.key).containsExactly("JPN-PRK", "KOR-PRK", "PRK-USA");
    assertThat(friendly).extracting(kv -> kv.key).containsExactly("JPN-PRK", "KOR-PRK", "PRK-USA");
    assertThat(alone).extracting(kv -> kv.key).containsExactly("BRA");
  }

  @Test
  void shouldContributeOnlyAtTheDyadsAnEventCountsToward() {
    DedupedEvent hostile = routed(event(EventType.MISSILE_TEST, "PRK", List.of(), "2026-01-14", -7)).get(0).value;
    DedupedEvent friendly = routed(event(EventType.STATEMENT_FRIENDLY, "PRK", List.of(), "2026-01-14", 2)).get(0).value;
    DedupedEvent planned = routed(event(EventType.SUMMIT, "KOR", List.of("CHN"), "2026-01-20", 4, Modality.PLANNED)).get(0).value;

    assertThat(TopologyMappings.contributionAt("KOR-PRK", hostile, SIGNALS)).singleElement()
        .satisfies(c -> assertThat(c.weight()).isEqualTo(-7.0));
    assertThat(TopologyMappings.contributionAt("CHN-PRK", hostile, SIGNALS)).isEmpty();
    assertThat(TopologyMappings.contributionAt("KOR-PRK", friendly, SIGNALS)).isEmpty();
    assertThat(TopologyMappings.contributionAt("CHN-KOR", planned, SIGNALS)).isEmpty();
  }
}
