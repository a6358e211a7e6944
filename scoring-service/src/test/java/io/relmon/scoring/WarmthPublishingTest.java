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
import io.relmon.scoring.warmth.UnpublishedDyads;
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
  void shouldPublishAfterARestartTheDyadsCommittedAsUnpublished() {
    Stores stores = new Stores();
    // As a crash leaves it: CHN-KOR's change committed with the list, its publication not yet
    // made; JPN-KOR published. The states' own flags (older builds) are not read once a list is there.
    stores.warmth.put("CHN-KOR", DyadWarmth.empty().with(VISIT, P));
    stores.warmth.put("JPN-KOR", DyadWarmth.empty().with(VISIT, P));
    stores.unpublished.put("dyads", UnpublishedDyads.NONE.with("CHN-KOR"));

    WarmthProcessor processor = stores.processor();
    processor.init(stores.context);
    assertThat(stores.context.scheduledPunctuators()).singleElement()
        .satisfies(s -> assertThat(s.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME));
    stores.context.scheduledPunctuators().get(0).getPunctuator().punctuate(0);

    assertThat(stores.context.forwarded()).singleElement().satisfies(f -> {
      Record<? extends String, ? extends WarmthUpdate> r = f.record();
      assertThat(r.key()).isEqualTo("CHN-KOR");
      assertThat(r.value().getRaw()).isCloseTo(3.2, within(1e-12));
    });
    assertThat(stores.unpublished.get("dyads").dyads()).as("nothing waits any more").isEmpty();
  }

  @Test
  void shouldListEachChangedDyadOnceAndWriteNoStateWhenPublishing() {
    Stores stores = new Stores();
    WarmthProcessor processor = stores.processor();
    processor.init(stores.context);
    processor.process(new Record<>("CHN-KOR", VISIT, VISIT.eventTime()));
    Contribution reportedAgain = new Contribution("e1", "STATE_VISIT", "KOR", List.of("CHN"), "2026-01-04", VISIT.eventTime(), 3.2, 2,
        "KOR's president visited CHN", List.of("https://news.example/a1", "https://news.example/a2"));
    processor.process(new Record<>("CHN-KOR", reportedAgain, VISIT.eventTime()));
    processor.process(new Record<>("JPN-KOR", VISIT, VISIT.eventTime()));
    assertThat(stores.unpublished.get("dyads").dyads()).containsExactly("CHN-KOR", "JPN-KOR");
    int statesWritten = stores.warmthPuts[0];

    stores.context.scheduledPunctuators().get(0).getPunctuator().punctuate(0);

    assertThat(stores.context.forwarded()).extracting(f -> (String) f.record().key()).containsExactly("CHN-KOR", "JPN-KOR");
    // The publication is committed by the list alone: a state flagged as published cost a
    // second changelog record whenever a commit fell between the change and the publication.
    assertThat(stores.warmthPuts[0]).as("states written by the publication").isEqualTo(statesWritten);
    assertThat(stores.unpublished.get("dyads").dyads()).isEmpty();
  }

  @Test
  void shouldNoLongerListADyadThatMovingQuietDyadsForwardPublished() {
    Stores stores = new Stores();
    WarmthProcessor processor = new WarmthProcessor("dyad-warmth-store", "unpublished-dyads-store", P, Duration.ofHours(1),
        Duration.ofDays(1), INTERVAL);
    processor.init(stores.context);
    processor.process(new Record<>("CHN-KOR", VISIT, VISIT.eventTime()));
    assertThat(stores.unpublished.get("dyads").dyads()).containsExactly("CHN-KOR");

    MockProcessorContext.CapturedPunctuator advance = stores.context.scheduledPunctuators().stream()
        .filter(s -> s.getInterval().equals(Duration.ofHours(1))).findFirst().orElseThrow();
    advance.getPunctuator().punctuate(VISIT.eventTime() + Duration.ofDays(2).toMillis());

    assertThat(stores.context.forwarded()).singleElement().satisfies(f -> assertThat(f.record().key()).isEqualTo("CHN-KOR"));
    assertThat(stores.unpublished.get("dyads").dyads()).as("published, so no longer waiting").isEmpty();
  }

  @Test
  void shouldPublishAfterARestartWhatAnOlderBuildStoredButDidNotPublish() {
    Stores stores = new Stores();
    // An older build flagged each state instead of keeping a list: CHN-KOR committed, not published.
    stores.warmth.put("CHN-KOR", DyadWarmth.empty().with(VISIT, P));
    stores.warmth.put("JPN-KOR", DyadWarmth.empty().with(VISIT, P).published(true));

    WarmthProcessor processor = stores.processor();
    processor.init(stores.context);
    stores.context.scheduledPunctuators().get(0).getPunctuator().punctuate(0);

    assertThat(stores.context.forwarded()).singleElement().satisfies(f -> assertThat(f.record().key()).isEqualTo("CHN-KOR"));
    assertThat(stores.unpublished.get("dyads")).as("a list from now on, so the flags are not read again")
        .isEqualTo(UnpublishedDyads.NONE);
  }

  @Test
  void shouldStillPublishAfterItsTaskIsClosedAndInitialisedAgain() {
    Stores stores = new Stores();
    WarmthProcessor processor = stores.processor();
    processor.init(stores.context);
    processor.process(new Record<>("CHN-KOR", VISIT, VISIT.eventTime()));

    // A task closed dirty (a corrupted task under exactly-once) is revived with the same processors:
    // closed, then initialised again, its change still waiting.
    processor.close();
    processor.init(stores.context);

    List<MockProcessorContext.CapturedPunctuator> running = stores.context.scheduledPunctuators().stream()
        .filter(s -> !s.cancelled()).toList();
    assertThat(running).as("the publication punctuator runs again").singleElement();
    running.get(0).getPunctuator().punctuate(0);
    assertThat(stores.context.forwarded()).singleElement().satisfies(f -> assertThat(f.record().key()).isEqualTo("CHN-KOR"));
    assertThat(stores.unpublished.get("dyads").dyads()).isEmpty();
  }

  private static final WarmthParameters P = WarmthParameters.defaults();
  private static final Contribution VISIT = new Contribution("e1", "STATE_VISIT", "KOR", List.of("CHN"), "2026-01-04",
      1_767_484_800_000L, 3.2, 1, "KOR's president visited CHN", List.of("https://news.example/a1"));

  /** A warmth processor's two stores in memory (the warmth store counting its puts), in a mock context. */
  private static final class Stores {
    final MockProcessorContext<String, WarmthUpdate> context = new MockProcessorContext<>();
    final int[] warmthPuts = {0};
    final KeyValueStore<String, DyadWarmth> warmth = counting(org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
        org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore("dyad-warmth-store"), Serdes.String(),
        Serdes.serdeFrom((t, w) -> io.relmon.scoring.warmth.DyadWarmthCodec.encode(w),
            (t, b) -> io.relmon.scoring.warmth.DyadWarmthCodec.decode(b))).withLoggingDisabled().build(), warmthPuts);
    final KeyValueStore<String, UnpublishedDyads> unpublished = org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
        org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore("unpublished-dyads-store"), Serdes.String(),
        Serdes.serdeFrom((t, d) -> UnpublishedDyads.encode(d), (t, b) -> UnpublishedDyads.decode(b))).withLoggingDisabled().build();

    Stores() {
      warmth.init(context.getStateStoreContext(), warmth);
      unpublished.init(context.getStateStoreContext(), unpublished);
      context.addStateStore(warmth);
      context.addStateStore(unpublished);
    }

    WarmthProcessor processor() {
      return new WarmthProcessor("dyad-warmth-store", "unpublished-dyads-store", P, Duration.ZERO, Duration.ofDays(1), INTERVAL);
    }

    @SuppressWarnings("unchecked")
    private static KeyValueStore<String, DyadWarmth> counting(KeyValueStore<String, DyadWarmth> store, int[] puts) {
      return (KeyValueStore<String, DyadWarmth>) java.lang.reflect.Proxy.newProxyInstance(KeyValueStore.class.getClassLoader(),
          new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
            if (method.getName().equals("put")) {
              puts[0]++;
            }
            try {
              return method.invoke(store, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
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
