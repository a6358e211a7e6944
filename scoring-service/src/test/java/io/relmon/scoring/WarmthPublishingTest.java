package io.relmon.scoring;

import static io.relmon.scoring.Fixtures.article;
import static io.relmon.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.EventType;
import io.relmon.schemas.avro.WarmthUpdate;
import io.relmon.scoring.warmth.Contribution;
import io.relmon.scoring.warmth.DyadWarmth;
import io.relmon.scoring.warmth.WarmthParameters;
import io.relmon.scoring.warmth.WarmthProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** Warmth published coalesced: each changed dyad once per publish interval, with its latest score. */
class WarmthPublishingTest {

  private static final Topics TOPICS = Topics.defaults();
  private static final Duration INTERVAL = Duration.ofMillis(100);

  @Test
  void shouldPublishEachChangedDyadOncePerIntervalWithItsLatestScore() {
    List<ArticleEvent> story = List.of(
        article("a1", "2026-01-05T07:00:00Z", event(EventType.STATE_VISIT, "KOR", List.of("CHN"), "2026-01-04", 4)),
        article("a2", "2026-01-06T07:00:00Z", event(EventType.STATEMENT_HOSTILE, "KOR", List.of("CHN"), "2026-01-06", -3)),
        article("a3", "2026-01-07T07:00:00Z", event(EventType.AID, "CHN", List.of("KOR"), "2026-01-07", 7),
            event(EventType.STATEMENT_FRIENDLY, "JPN", List.of("KOR"), "2026-01-07", 3)));
    Map<String, WarmthUpdate> atOnce = run(ScoringParameters.eventTimeOnly(), story);

    Properties props = ScoringTopologyTest.props();
    try (TopologyTestDriver driver = new TopologyTestDriver(
        ScoringTopology.build(TOPICS, ScoringParameters.eventTimeOnly().publishingEvery(INTERVAL), props), props)) {
      TestInputTopic<String, ArticleEvent> articles = driver.createInputTopic(TOPICS.articles().name(),
          Serdes.String().serializer(), TOPICS.articles().valueSerde().serializer());
      TestOutputTopic<String, WarmthUpdate> warmth = driver.createOutputTopic(TOPICS.warmth().name(),
          Serdes.String().deserializer(), TOPICS.warmth().valueSerde().deserializer());
      story.forEach(a -> articles.pipeInput(a.getArticleId(), a, a.getPublished()));

      assertThat(warmth.isEmpty()).as("nothing before the interval has passed").isTrue();
      driver.advanceWallClockTime(INTERVAL);
      List<org.apache.kafka.streams.KeyValue<String, WarmthUpdate>> published = warmth.readKeyValuesToList();
      assertThat(published).extracting(kv -> kv.key).containsExactlyInAnyOrder("CHN-KOR", "JPN-KOR");
      published.forEach(kv -> {
        assertThat(kv.value.getRaw()).isCloseTo(atOnce.get(kv.key).getRaw(), within(1e-12));
        assertThat(kv.value.getEventCount()).isEqualTo(atOnce.get(kv.key).getEventCount());
        assertThat(kv.value.getAsOf()).isEqualTo(atOnce.get(kv.key).getAsOf());
      });

      driver.advanceWallClockTime(INTERVAL);
      assertThat(warmth.isEmpty()).as("an unchanged dyad is not published again").isTrue();
    }
  }

  @Test
  void shouldPublishAfterARestartWhatWasStoredButNotYetPublished() {
    WarmthParameters p = WarmthParameters.defaults();
    KeyValueStore<String, DyadWarmth> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("dyad-warmth-store"),
        Serdes.String(), Serdes.serdeFrom((t, w) -> io.relmon.scoring.warmth.DyadWarmthCodec.encode(w),
            (t, b) -> io.relmon.scoring.warmth.DyadWarmthCodec.decode(b))).withLoggingDisabled().build();
    MockProcessorContext<String, WarmthUpdate> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    Contribution visit = new Contribution("e1", "STATE_VISIT", "KOR", List.of("CHN"), "2026-01-04", 1_767_484_800_000L, 3.2, 1,
        "KOR's president visited CHN", List.of("https://news.example/a1"));
    // As a crash leaves it: the change committed with the state, its publication not yet made.
    store.put("CHN-KOR", DyadWarmth.empty().with(visit, p));
    store.put("JPN-KOR", DyadWarmth.empty().with(visit, p).published(true));

    WarmthProcessor processor = new WarmthProcessor("dyad-warmth-store", p, Duration.ZERO, Duration.ofDays(1), INTERVAL);
    processor.init(context);
    assertThat(context.scheduledPunctuators()).singleElement()
        .satisfies(s -> assertThat(s.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME));
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(0);

    assertThat(context.forwarded()).singleElement().satisfies(f -> {
      Record<? extends String, ? extends WarmthUpdate> r = f.record();
      assertThat(r.key()).isEqualTo("CHN-KOR");
      assertThat(r.value().getRaw()).isCloseTo(3.2, within(1e-12));
    });
    assertThat(store.get("CHN-KOR").published()).isTrue();
  }

  @Test
  void shouldStillPublishAfterItsTaskIsClosedAndInitialisedAgain() {
    WarmthParameters p = WarmthParameters.defaults();
    KeyValueStore<String, DyadWarmth> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("dyad-warmth-store"),
        Serdes.String(), Serdes.serdeFrom((t, w) -> io.relmon.scoring.warmth.DyadWarmthCodec.encode(w),
            (t, b) -> io.relmon.scoring.warmth.DyadWarmthCodec.decode(b))).withLoggingDisabled().build();
    MockProcessorContext<String, WarmthUpdate> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    Contribution visit = new Contribution("e1", "STATE_VISIT", "KOR", List.of("CHN"), "2026-01-04", 1_767_484_800_000L, 3.2, 1,
        "KOR's president visited CHN", List.of("https://news.example/a1"));
    WarmthProcessor processor = new WarmthProcessor("dyad-warmth-store", p, Duration.ZERO, Duration.ofDays(1), INTERVAL);
    processor.init(context);
    processor.process(new Record<>("CHN-KOR", visit, visit.eventTime()));

    // A task closed dirty (a corrupted task under exactly-once) is revived with the same processors:
    // closed, then initialised again, its change still waiting.
    processor.close();
    processor.init(context);

    List<MockProcessorContext.CapturedPunctuator> running = context.scheduledPunctuators().stream().filter(s -> !s.cancelled()).toList();
    assertThat(running).as("the publication punctuator runs again").singleElement();
    running.get(0).getPunctuator().punctuate(0);
    assertThat(context.forwarded()).singleElement().satisfies(f -> assertThat(f.record().key()).isEqualTo("CHN-KOR"));
    assertThat(store.get("CHN-KOR").published()).isTrue();
  }

  private static Map<String, WarmthUpdate> run(ScoringParameters parameters, List<ArticleEvent> story) {
    Properties props = ScoringTopologyTest.props();
    try (TopologyTestDriver driver = new TopologyTestDriver(ScoringTopology.build(TOPICS, parameters, props), props)) {
      TestInputTopic<String, ArticleEvent> articles = driver.createInputTopic(TOPICS.articles().name(),
          Serdes.String().serializer(), TOPICS.articles().valueSerde().serializer());
      TestOutputTopic<String, WarmthUpdate> warmth = driver.createOutputTopic(TOPICS.warmth().name(),
          Serdes.String().deserializer(), TOPICS.warmth().valueSerde().deserializer());
      story.forEach(a -> articles.pipeInput(a.getArticleId(), a, a.getPublished()));
      return warmth.readKeyValuesToMap();
    }
  }
}
