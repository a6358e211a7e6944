package io.relmon.scoring;

import static io.relmon.scoring.Fixtures.article;
import static io.relmon.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.CodedEvent;
import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.EventType;
import io.relmon.schemas.avro.Modality;
import io.relmon.scoring.signals.SignalParameters;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

class TopologyMappingsTest {

  private static final SignalParameters SIGNALS = SignalParameters.defaults();

  private static List<KeyValue<String, ArticleEvent>> routed(CodedEvent... events) {
    return TopologyMappings.sightingsByRoute(article("a1", "2026-01-15T07:00:00Z", events), SIGNALS);
  }

  /** The first sighting of a route's copy, as the dyad's task makes it. */
  private static DedupedEvent firstSighting(List<KeyValue<String, ArticleEvent>> copies) {
    return TopologyMappings.sightingsOf(copies.get(0).value).get(0);
  }

  @Test
  void shouldRouteASightingToEachOfItsDyadsWhateverTheTargetsOrder() {
    var one = routed(event(EventType.SANCTIONS, "USA", List.of("RUS", "IRN", "RUS"), "2026-01-14", -6));
    var other = routed(event(EventType.SANCTIONS, "USA", List.of("IRN", "RUS"), "2026-01-14", -6));

    assertThat(one).extracting(kv -> kv.key).containsExactly("IRN-USA", "RUS-USA");
    assertThat(other).extracting(kv -> kv.key).containsExactly("IRN-USA", "RUS-USA");
    assertThat(TopologyMappings.isPrimaryRoute("IRN-USA", firstSighting(one), SIGNALS)).isTrue();
    assertThat(TopologyMappings.isPrimaryRoute("RUS-USA", firstSighting(one), SIGNALS)).isFalse();
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
    DedupedEvent hostile = firstSighting(routed(event(EventType.MISSILE_TEST, "PRK", List.of(), "2026-01-14", -7)));
    DedupedEvent friendly = firstSighting(routed(event(EventType.STATEMENT_FRIENDLY, "PRK", List.of(), "2026-01-14", 2)));
    DedupedEvent planned = firstSighting(routed(event(EventType.SUMMIT, "KOR", List.of("CHN"), "2026-01-20", 4, Modality.PLANNED)));

    assertThat(TopologyMappings.contributionAt("KOR-PRK", hostile, SIGNALS)).singleElement()
        .satisfies(c -> assertThat(c.weight()).isEqualTo(-7.0));
    assertThat(TopologyMappings.contributionAt("CHN-PRK", hostile, SIGNALS)).isEmpty();
    assertThat(TopologyMappings.contributionAt("KOR-PRK", friendly, SIGNALS)).isEmpty();
    assertThat(TopologyMappings.contributionAt("CHN-KOR", planned, SIGNALS)).isEmpty();
  }

  @Test
  void shouldSendAnArticleOncePerRouteWithTheEventsThatGoThereAndMakeTheSameSightingsThere() {
    ArticleEvent article = article("a2", "2026-01-15T07:00:00Z",
        event(EventType.SUMMIT, "CHN", List.of("RUS"), "2026-01-14", 4),
        event(EventType.SANCTIONS, "USA", List.of("RUS", "CHN"), "2026-01-13", -6),
        event(EventType.STATEMENT_FRIENDLY, "RUS", List.of("CHN"), null, 2));
    article.setLeaderMentions(List.of(io.relmon.schemas.avro.LeaderMention.newBuilder()
        .setLeaderCountry("RUS").setOrder(1).setNamed(true).setGroupSize(0).setTextShare(0.5).build()));

    var copies = TopologyMappings.sightingsByRoute(article, SIGNALS);

    assertThat(copies).extracting(kv -> kv.key).containsExactly("CHN-RUS", "CHN-USA", "RUS-USA");
    assertThat(copies.get(0).value.getEvents()).extracting(CodedEvent::getType)
        .containsExactly(EventType.SUMMIT, EventType.STATEMENT_FRIENDLY);
    assertThat(copies).allSatisfy(kv -> {
      assertThat(kv.value.getBody()).isEmpty();
      assertThat(kv.value.getLeaderMentions()).isEmpty();
      assertThat(kv.value.getCoderVersion()).isEmpty();
    });
    // Made again at the route, a sighting is the one the whole article gives: same identity, id, source.
    var whole = TopologyMappings.sightings(article);
    assertThat(TopologyMappings.sightingsOf(copies.get(0).value)).containsExactly(whole.get(0).value, whole.get(2).value);
    assertThat(TopologyMappings.sightingsOf(copies.get(1).value)).containsExactly(whole.get(1).value);
    assertThat(TopologyMappings.sightingsOf(copies.get(2).value)).containsExactly(whole.get(1).value);
  }

  @Test
  void shouldSplitARoutesCopyPastTheCharactersARecordMayHold() {
    CodedEvent[] events = new CodedEvent[150];
    for (int i = 0; i < events.length; i++) {
      events[i] = event(EventType.STATEMENT_FRIENDLY, "VNM", List.of("LAO"), String.format("2026-01-%02d", 1 + i % 28), 2);
      events[i].setEvidence(i + " " + "e".repeat(5_000));
    }
    ArticleEvent article = article("many", "2026-01-30T07:00:00Z", events);

    var copies = TopologyMappings.sightingsByRoute(article, SIGNALS);

    // Each sighting counts at least its cut evidence and the url, outlet and headline bounds:
    // 2,000 + 2,048 + 200 + 300 characters, so a copy holds at most 57 of them; 150 need 3 copies.
    int perCopy = TopologyMappings.MAX_SIGHTING_CHARS / (TopologyMappings.MAX_EVIDENCE_CHARS
        + TopologyMappings.MAX_URL_CHARS + TopologyMappings.MAX_SOURCE_CHARS + TopologyMappings.MAX_TITLE_CHARS);
    assertThat(copies).hasSize((events.length + perCopy - 1) / perCopy).allSatisfy(kv -> {
      assertThat(kv.key).isEqualTo("LAO-VNM");
      assertThat(kv.value.getEvents()).hasSizeLessThanOrEqualTo(perCopy);
    });
    // Every event once, in the article's order.
    assertThat(copies.stream().flatMap(kv -> TopologyMappings.sightingsOf(kv.value).stream()))
        .containsExactlyElementsOf(TopologyMappings.sightings(article).stream().map(kv -> kv.value).toList());
  }

  @Test
  void shouldCarryNoneOfAnArticlesUnboundedFieldsOnItsCopies() {
    // Any producer may write to the articles topic: a copy must stay small whatever the article
    // holds beside its events (a copy over Kafka's limit would fail the whole transaction).
    ArticleEvent article = article("a3", "2026-01-15T07:00:00Z", event(EventType.SUMMIT, "CHN", List.of("RUS"), "2026-01-14", 4));
    article.setBody("b".repeat(900_000));
    article.setCoderVersion("v".repeat(900_000));
    article.setSourceCountry("c".repeat(900_000));
    article.setTitle("t".repeat(900_000));

    var copies = TopologyMappings.sightingsByRoute(article, SIGNALS);

    assertThat(new RoutedSightingsSerde().serializer().serialize("sightings", copies.get(0).value)).hasSizeLessThan(10_000);
  }
}
