package io.relmon.scoring;

import static io.relmon.scoring.Fixtures.article;
import static io.relmon.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.EventType;
import io.relmon.schemas.avro.LeaderMention;
import io.relmon.schemas.avro.Signal;
import io.relmon.schemas.avro.SignalType;
import io.relmon.schemas.avro.SourceKind;
import io.relmon.schemas.avro.WarmthUpdate;
import io.relmon.scoring.signals.SignalParameters;
import io.relmon.scoring.warmth.WarmthParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.apache.kafka.streams.state.KeyValueStore;
import io.relmon.scoring.signals.PivotProcessor;

/** The composite signals, rule by rule and edge by edge. */
class SignalsTopologyTest {

  private static final Topics TOPICS = Topics.defaults();
  private TopologyTestDriver driver;
  private TestInputTopic<String, ArticleEvent> articles;
  private TestOutputTopic<String, Signal> signals;
  private TestOutputTopic<String, WarmthUpdate> warmth;
  private TestOutputTopic<String, DedupedEvent> events;

  private void start(ScoringParameters parameters) {
    Properties props = ScoringTopologyTest.props();
    driver = new TopologyTestDriver(ScoringTopology.build(TOPICS, parameters, props), props, Instant.parse("2026-01-01T00:00:00Z"));
    articles = driver.createInputTopic(TOPICS.articles().name(), Serdes.String().serializer(), TOPICS.articles().valueSerde().serializer());
    signals = driver.createOutputTopic(TOPICS.signals().name(), Serdes.String().deserializer(), TOPICS.signals().valueSerde().deserializer());
    warmth = driver.createOutputTopic(TOPICS.warmth().name(), Serdes.String().deserializer(), TOPICS.warmth().valueSerde().deserializer());
    events = driver.createOutputTopic(TOPICS.events().name(), Serdes.String().deserializer(), TOPICS.events().valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private void send(ArticleEvent article) {
    articles.pipeInput(article.getArticleId(), article, article.getPublished());
  }

  @Test
  void shouldSignalAMissileTestOnTheDayOfAStateVisitAgainstBothHosts() {
    start(ScoringParameters.eventTimeOnly());
    send(article("a1", "2026-01-04T12:00:00Z", event(EventType.STATE_VISIT, "KOR", List.of("CHN"), "2026-01-04", 4)));
    send(article("a2", "2026-01-04T13:00:00Z", event(EventType.MISSILE_TEST, "PRK", List.of(), "2026-01-04", -7)));

    List<TestRecord<String, Signal>> out = timedProvocations();
    assertThat(out).extracting(TestRecord::key).containsExactlyInAnyOrder("CHN-PRK", "KOR-PRK");
    Signal signal = out.get(0).value();
    assertThat(signal.getType()).isEqualTo(SignalType.TIMED_PROVOCATION);
    assertThat(signal.getActor()).isEqualTo("PRK");
    assertThat(signal.getTargets()).containsExactly("CHN", "KOR");
    assertThat(signal.getDate()).isEqualTo("2026-01-04");
    assertThat(signal.getWeight()).isEqualTo(-4);
    List<DedupedEvent> cited = events.readValuesToList();
    assertThat(signal.getCitedEventIds()).containsExactlyInAnyOrderElementsOf(cited.stream().map(DedupedEvent::getEventId).toList());
    // The signal carries its events' evidence and reports, so a reader can show why without the events topic.
    assertThat(signal.getCitedEvents()).extracting(e -> e.getEventId()).containsExactlyElementsOf(signal.getCitedEventIds());
    assertThat(signal.getCitedEvents()).extracting(e -> e.getEvidence())
        .containsExactly("PRK MISSILE_TEST [] on 2026-01-04.", "KOR STATE_VISIT [CHN] on 2026-01-04.");
    assertThat(signal.getCitedEvents().get(1).getSources()).singleElement()
        .satisfies(source -> assertThat(source.getTitle()).isEqualTo("t a1"));

    Map<String, WarmthUpdate> byDyad = warmth.readKeyValuesToMap();
    assertThat(byDyad.get("CHN-PRK").getRaw()).isCloseTo(-4, within(1e-9));
    assertThat(byDyad.get("CHN-PRK").getDrivers()).extracting(d -> d.getType()).containsExactly("TIMED_PROVOCATION");
    // On KOR-PRK the missile counts too: KOR is a standing adversary of PRK.
    assertThat(byDyad.get("KOR-PRK").getRaw()).isCloseTo(-4 - 7 * 0.0 - 7, within(1e-9));
  }

  @Test
  void shouldCountAMilitaryAttackInWarmthButNotAsATimedProvocation() {
    start(ScoringParameters.eventTimeOnly());
    send(article("a1", "2026-01-04T12:00:00Z", event(EventType.STATE_VISIT, "KOR", List.of("CHN"), "2026-01-04", 4)));
    send(article("a2", "2026-01-04T13:00:00Z", event(EventType.MILITARY_ATTACK, "PRK", List.of("JPN"), "2026-01-04", -9)));

    // BRIEF §4: TIMED_PROVOCATION is a missile or nuclear test, a hostile exercise or a threat.
    assertThat(timedProvocations()).isEmpty();
    assertThat(events.readValuesToList()).extracting(e -> e.getEvent().getType())
        .containsExactlyInAnyOrder(EventType.STATE_VISIT, EventType.MILITARY_ATTACK);
    WarmthUpdate jpnPrk = warmth.readKeyValuesToMap().get("JPN-PRK");
    assertThat(jpnPrk.getRaw()).isCloseTo(-9, within(1e-9));
    assertThat(jpnPrk.getDrivers()).extracting(d -> d.getType()).containsExactly("MILITARY_ATTACK");
  }

  @Test
  void shouldJoinWithinOneDayAndNotBeyond() {
    start(ScoringParameters.eventTimeOnly());
    send(article("a1", "2026-03-10T00:00:00Z", event(EventType.SUMMIT, "CHN", List.of("RUS"), "2026-03-10", 4)));
    send(article("a2", "2026-03-11T06:00:00Z", event(EventType.THREAT, "PRK", List.of("JPN"), "2026-03-11", -6)));
    send(article("a3", "2026-03-13T06:00:00Z", event(EventType.NUCLEAR_TEST, "PRK", List.of(), "2026-03-12", -9)));

    assertThat(timedProvocations()).extracting(r -> r.value().getCitedEventIds().size(), r -> r.value().getDate())
        .containsOnly(org.assertj.core.groups.Tuple.tuple(2, "2026-03-11"));
  }

  @Test
  void shouldNotSignalAProvokerWhoTakesPartInTheMeeting() {
    start(ScoringParameters.eventTimeOnly());
    send(article("a1", "2026-05-01T00:00:00Z", event(EventType.SUMMIT, "PRK", List.of("RUS"), "2026-05-01", 4)));
    send(article("a2", "2026-05-01T00:00:00Z", event(EventType.MISSILE_TEST, "PRK", List.of(), "2026-05-01", -7)));

    assertThat(timedProvocations()).isEmpty();
  }

  @Test
  void shouldJoinAProvocationReportedMonthsLater() {
    start(ScoringParameters.eventTimeOnly());
    send(article("a1", "2026-01-04T00:00:00Z", event(EventType.STATE_VISIT, "KOR", List.of("CHN"), "2026-01-04", 4)));
    send(article("a2", "2026-03-20T00:00:00Z", event(EventType.SUMMIT, "USA", List.of("JPN"), "2026-03-20", 4)));
    send(article("a3", "2026-04-25T00:00:00Z", event(EventType.MISSILE_TEST, "PRK", List.of(), "2026-01-04", -7)));

    assertThat(timedProvocations()).extracting(r -> r.value().getDate()).containsOnly("2026-01-04");
  }

  @Test
  void shouldSignalAProminenceDropAgainstTheBaselineOfAStatesMedia() {
    start(ScoringParameters.eventTimeOnly());
    for (int day = 1; day <= 3; day++) {
      send(stateMediaArticle("k" + day, "2026-01-0" + day + "T00:00:00Z", new LeaderMention("CHN", "Xi Jinping", 1, true, 0, 0.4)));
    }
    send(stateMediaArticle("k4", "2026-01-08T00:00:00Z", new LeaderMention("CHN", null, 1, false, 4, 0.02)));

    List<TestRecord<String, Signal>> out = signals.readRecordsToList().stream()
        .filter(r -> r.value().getType() == SignalType.PROMINENCE_SHIFT).toList();
    assertThat(out).singleElement().satisfies(r -> {
      assertThat(r.key()).isEqualTo("CHN-PRK");
      assertThat(r.value().getType()).isEqualTo(SignalType.PROMINENCE_SHIFT);
      assertThat(r.value().getActor()).isEqualTo("PRK");
      assertThat(r.value().getTargets()).containsExactly("CHN");
      assertThat(r.value().getWeight()).isEqualTo(-3);
      assertThat(r.value().getDate()).isEqualTo("2026-01-08");
      assertThat(r.value().getCitedEventIds()).containsExactly("k4");
    });
    assertThat(warmth.readKeyValuesToMap().get("CHN-PRK").getRaw()).isCloseTo(-3, within(1e-9));
  }

  @Test
  void shouldNotSignalProminenceBeforeTheBaselineHasEnoughMentions() {
    start(ScoringParameters.eventTimeOnly());
    send(stateMediaArticle("k1", "2026-01-01T00:00:00Z", new LeaderMention("CHN", "Xi Jinping", 1, true, 0, 0.4)));
    send(stateMediaArticle("k2", "2026-01-02T00:00:00Z", new LeaderMention("CHN", null, 3, false, 4, 0.01)));

    assertThat(signals.isEmpty()).isTrue();
  }

  @Test
  void shouldSignalAPivotFromOnePartnerToAnotherOnce() {
    start(ScoringParameters.eventTimeOnly());
    send(article("a1", "2026-01-05T00:00:00Z", event(EventType.STATEMENT_HOSTILE, "PRK", List.of("CHN"), "2026-01-05", -6)));
    send(article("a2", "2026-01-06T00:00:00Z", event(EventType.AID, "RUS", List.of("PRK"), "2026-01-06", 7)));
    send(article("a3", "2026-01-07T00:00:00Z", event(EventType.TREATY, "RUS", List.of("PRK"), "2026-01-07", 7)));
    assertThat(pivots()).as("one hostile report is not yet a pivot").isEmpty();

    send(article("a4", "2026-01-08T00:00:00Z", event(EventType.COOPERATION_STALLED, "CHN", List.of("PRK"), "2026-01-08", -3)));
    send(article("a5", "2026-01-09T00:00:00Z", event(EventType.STATEMENT_FRIENDLY, "PRK", List.of("RUS"), "2026-01-09", 3)));

    List<TestRecord<String, Signal>> pivots = pivots();
    assertThat(pivots).extracting(TestRecord::key).containsExactlyInAnyOrder("CHN-PRK", "PRK-RUS");
    Signal pivot = pivots.get(0).value();
    assertThat(pivot.getActor()).isEqualTo("PRK");
    assertThat(pivot.getTargets()).containsExactly("CHN", "RUS");
    assertThat(pivot.getDate()).isEqualTo("2026-01-08");
    assertThat(pivot.getWeight()).isZero();
    assertThat(pivot.getCitedEventIds()).isNotEmpty();
  }

  @Test
  void shouldSignalAPivotAgainAfterItsWindowAndKeepOnlyTheStatesRecentPivots() {
    start(ScoringParameters.eventTimeOnly());
    turnFromChinaToRussia("a", "2026-01");
    assertThat(pivots()).hasSize(2);
    KeyValueStore<String, PivotProcessor.Partners> states = driver.getKeyValueStore(ScoringTopology.STATE_PARTNERS_STORE);
    // When the pivot was signalled is kept with the state's partners, by "from>toward".
    assertThat(states.get("PRK").signalled()).containsOnlyKeys("CHN>RUS");

    // Two months on, the same turn again: past the window, so signalled again.
    turnFromChinaToRussia("b", "2026-03");
    List<TestRecord<String, Signal>> again = pivots();
    assertThat(again).extracting(TestRecord::key).containsExactlyInAnyOrder("CHN-PRK", "PRK-RUS");
    assertThat(again.get(0).value().getDate()).isEqualTo("2026-03-06");

    // A state's record forgets pivots signalled more than a window before its latest update.
    send(article("c1", "2026-05-20T00:00:00Z", event(EventType.SANCTIONS, "PRK", List.of("USA"), "2026-05-20", -6)));
    send(article("c2", "2026-05-21T00:00:00Z", event(EventType.SANCTIONS, "USA", List.of("PRK"), "2026-05-21", -6)));
    assertThat(states.get("PRK").partners()).containsKey("USA");
    assertThat(states.get("PRK").signalled()).isEmpty();
  }

  /** PRK cools toward CHN and RUS warms toward it, on days 5 to 8 of {@code month}: articles {@code <prefix>1..4}. */
  private void turnFromChinaToRussia(String prefix, String month) {
    send(article(prefix + "1", month + "-05T00:00:00Z", event(EventType.SANCTIONS, "PRK", List.of("CHN"), month + "-05", -6)));
    send(article(prefix + "2", month + "-06T00:00:00Z", event(EventType.AID, "RUS", List.of("PRK"), month + "-06", 7)));
    send(article(prefix + "3", month + "-07T00:00:00Z", event(EventType.TREATY, "RUS", List.of("PRK"), month + "-07", 7)));
    send(article(prefix + "4", month + "-08T00:00:00Z", event(EventType.COOPERATION_STALLED, "CHN", List.of("PRK"), month + "-08", -3)));
  }

  @Test
  void shouldPairAChangedDyadOnlyWithThePartnerThatMovedMostTheOtherWay() {
    start(ScoringParameters.eventTimeOnly());
    send(article("a1", "2026-01-05T00:00:00Z", event(EventType.STATEMENT_HOSTILE, "PRK", List.of("CHN"), "2026-01-05", -3)));
    send(article("a2", "2026-01-06T00:00:00Z", event(EventType.STATEMENT_HOSTILE, "CHN", List.of("PRK"), "2026-01-06", -3)));
    send(article("a3", "2026-01-06T00:00:00Z", event(EventType.SANCTIONS, "USA", List.of("PRK"), "2026-01-06", -6)));
    send(article("a4", "2026-01-07T00:00:00Z", event(EventType.SANCTIONS, "PRK", List.of("USA"), "2026-01-07", -6)));
    send(article("a5", "2026-01-08T00:00:00Z", event(EventType.AID, "RUS", List.of("PRK"), "2026-01-08", 7)));
    assertThat(pivots()).as("one friendly report is not yet a pivot").isEmpty();

    send(article("a6", "2026-01-09T00:00:00Z", event(EventType.TREATY, "RUS", List.of("PRK"), "2026-01-09", 7)));

    // Both CHN and USA cooled past the threshold; the pivot is from USA, which cooled most.
    List<TestRecord<String, Signal>> pivots = pivots();
    assertThat(pivots).extracting(TestRecord::key).containsExactlyInAnyOrder("PRK-USA", "PRK-RUS");
    assertThat(pivots.get(0).value().getTargets()).containsExactly("USA", "RUS");
  }

  @Test
  void shouldMoveAQuietDyadForwardWhenWallClockTimeAdvances() {
    start(new ScoringParameters(WarmthParameters.defaults(), SignalParameters.defaults(), Duration.ofHours(1), Duration.ofDays(1), Duration.ZERO));
    send(article("a1", "2025-12-01T00:00:00Z", event(EventType.SUMMIT, "CHN", List.of("RUS"), "2025-12-01", 4)));
    warmth.readValuesToList();

    driver.advanceWallClockTime(Duration.ofHours(1));

    WarmthUpdate moved = warmth.readValue();
    assertThat(moved.getDyad()).isEqualTo("CHN-RUS");
    assertThat(moved.getAsOf()).isAfter(Instant.parse("2025-12-31T00:00:00Z"));
    assertThat(moved.getRaw()).isLessThan(4).isGreaterThan(0);
  }

  private List<TestRecord<String, Signal>> pivots() {
    return signals.readRecordsToList().stream().filter(r -> r.value().getType() == SignalType.PIVOT).toList();
  }

  /** The TIMED_PROVOCATION signals written so far (pivots may accompany them). */
  private List<TestRecord<String, Signal>> timedProvocations() {
    return signals.readRecordsToList().stream().filter(r -> r.value().getType() == SignalType.TIMED_PROVOCATION).toList();
  }

  private static ArticleEvent stateMediaArticle(String id, String published, LeaderMention... mentions) {
    return ArticleEvent.newBuilder(article(id, published))
        .setSource("KCNA").setSourceKind(SourceKind.STATE_MEDIA).setSourceCountry("PRK")
        .setLeaderMentions(List.of(mentions)).build();
  }
}
