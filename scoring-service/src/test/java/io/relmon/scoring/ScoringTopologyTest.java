package io.relmon.scoring;

import static io.relmon.scoring.Fixtures.article;
import static io.relmon.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.relmon.schemas.AvroSerde;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.DeadLetter;
import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.EventType;
import io.relmon.schemas.avro.Modality;
import io.relmon.schemas.avro.WarmthUpdate;
import io.relmon.scoring.warmth.WarmthParameters;
import io.relmon.service.DeadLetterDeserializationHandler;
import io.relmon.service.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScoringTopologyTest {

  private static final Topics TOPICS = Topics.defaults();
  private TopologyTestDriver driver;
  private TestInputTopic<String, ArticleEvent> articles;
  private TestOutputTopic<String, DedupedEvent> events;
  private TestOutputTopic<String, WarmthUpdate> warmth;

  static Properties props() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "relmon-scoring");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
    p.put(DeadLetterDeserializationHandler.DLQ_TOPIC, TOPICS.scoringDlq().name());
    p.put(DeadLetterDeserializationHandler.SERVICE, "scoring");
    // A directory of its own: under the default (/tmp/kafka-streams) two builds on one machine
    // locked each other's RocksDB stores.
    p.put(StreamsConfig.STATE_DIR_CONFIG, freshStateDir());
    return p;
  }

  private static String freshStateDir() {
    try {
      return java.nio.file.Files.createTempDirectory("relmon-scoring-test-").toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @BeforeEach
  void start() {
    Properties props = props();
    driver = new TopologyTestDriver(ScoringTopology.build(TOPICS, ScoringParameters.eventTimeOnly(), props), props);
    articles = driver.createInputTopic(TOPICS.articles().name(), Serdes.String().serializer(), TOPICS.articles().valueSerde().serializer());
    events = driver.createOutputTopic(TOPICS.events().name(), Serdes.String().deserializer(), TOPICS.events().valueSerde().deserializer());
    warmth = driver.createOutputTopic(TOPICS.warmth().name(), Serdes.String().deserializer(), TOPICS.warmth().valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private void send(ArticleEvent article) {
    articles.pipeInput(article.getArticleId(), article, article.getPublished());
  }

  @Test
  void shouldStopGrowingAnEventsRecordPastTheRememberedSources() {
    int reports = io.relmon.scoring.dedupe.DedupeProcessor.MAX_REMEMBERED_SOURCES + 5;
    for (int i = 0; i < reports; i++) {
      send(article("r" + i, "2026-01-25T07:00:00Z", event(EventType.MISSILE_TEST, "PRK", List.of("JPN"), "2026-01-04", -5)));
    }
    List<TestRecord<String, DedupedEvent>> out = events.readRecordsToList();

    assertThat(out).hasSize(io.relmon.scoring.dedupe.DedupeProcessor.MAX_REMEMBERED_SOURCES);
    DedupedEvent last = out.get(out.size() - 1).value();
    assertThat(last.getCorroboration()).isEqualTo(io.relmon.scoring.dedupe.DedupeProcessor.MAX_REMEMBERED_SOURCES);
    assertThat(last.getSources()).hasSize(io.relmon.scoring.dedupe.DedupeProcessor.MAX_LISTED_SOURCES);
    org.apache.kafka.streams.state.KeyValueStore<String, DedupedEvent> store = driver.getKeyValueStore(ScoringTopology.EVENT_IDENTITY_STORE);
    try (var all = store.all()) {
      DedupedEvent stored = all.next().value;
      int bytes = TOPICS.events().valueSerde().serializer().serialize("t", stored).length;
      assertThat(bytes).as("the stored record stays far from Kafka's 1 MB").isLessThan(200_000);
      assertThat(stored.getSources().get(stored.getSources().size() - 1).getUrl()).as("past the listed ones: ids only").isNull();
    }

    // A re-ingested article among the remembered ones is still recognised.
    send(article("r7", "2026-01-25T07:00:00Z", event(EventType.MISSILE_TEST, "PRK", List.of("JPN"), "2026-01-04", -5)));
    assertThat(events.readRecordsToList()).isEmpty();
  }

  @Test
  void shouldForgetEventIdentitiesOlderThanTheRetentionAsStreamTimeMoves() {
    java.time.Duration retention = ScoringTopology.identityRetention(ScoringParameters.eventTimeOnly());
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    // One event a day for twice the retention: without forgetting, the store would hold them all.
    // Live, a day of stream time is a day of the clock; sweeps are also ten minutes apart on it.
    int days = (int) (2 * retention.toDays());
    sendOneEventADay(start, days, SweepGate.GAP);
    org.apache.kafka.streams.state.KeyValueStore<String, DedupedEvent> store = driver.getKeyValueStore(ScoringTopology.EVENT_IDENTITY_STORE);

    long counted = count(store);
    // Swept every sweep interval: an identity is held at most that long past the retention.
    long sweep = io.relmon.scoring.dedupe.DedupeProcessor.sweepInterval(retention).toDays();
    assertThat(counted).as("identities held after " + days + " days").isBetween(retention.toDays(), retention.toDays() + sweep + 1);
    String firstIdentity = io.relmon.scoring.dedupe.EventIdentity.of("STATEMENT_FRIENDLY", "VNM", List.of("LAO"), "2026-01-01", start);
    assertThat(store.get(io.relmon.scoring.dedupe.DedupeProcessor.storeKey("LAO-VNM", firstIdentity)))
        .as("the first day's event is forgotten").isNull();
    String recent = start.plus(java.time.Duration.ofDays(days - 1)).toString().substring(0, 10);
    assertThat(store.get(io.relmon.scoring.dedupe.DedupeProcessor.storeKey("LAO-VNM",
        io.relmon.scoring.dedupe.EventIdentity.of("STATEMENT_FRIENDLY", "VNM", List.of("LAO"), recent, start))))
        .as("a recent one is remembered").isNotNull();
  }

  @Test
  void shouldSweepIdentitiesAtMostOnceInTenMinutesOfTheClockWhenReplaying() {
    java.time.Duration retention = ScoringTopology.identityRetention(ScoringParameters.eventTimeOnly());
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    // A backlog replayed in no time on the clock: a year of stream time, and one sweep.
    int days = (int) (2 * retention.toDays());
    sendOneEventADay(start, days, java.time.Duration.ZERO);
    org.apache.kafka.streams.state.KeyValueStore<String, DedupedEvent> store = driver.getKeyValueStore(ScoringTopology.EVENT_IDENTITY_STORE);
    long sweep = io.relmon.scoring.dedupe.DedupeProcessor.sweepInterval(retention).toDays();
    assertThat(count(store)).as("swept once only, at the first record, when nothing was old").isEqualTo(days);

    // Ten minutes later on the clock, the next sweep forgets what is past the retention.
    driver.advanceWallClockTime(SweepGate.GAP);
    String date = start.plus(java.time.Duration.ofDays(days + sweep)).toString().substring(0, 10);
    send(article("late", date + "T12:00:00Z", event(EventType.STATEMENT_FRIENDLY, "VNM", List.of("LAO"), date, 1)));
    assertThat(count(store)).isBetween(retention.toDays() - sweep, retention.toDays() + 1);
  }

  /** A friendly VNM→LAO statement a day from {@code start}, the test clock moving {@code clockPerDay} after each. */
  private void sendOneEventADay(Instant start, int days, java.time.Duration clockPerDay) {
    for (int day = 0; day < days; day++) {
      String date = start.plus(java.time.Duration.ofDays(day)).toString().substring(0, 10);
      send(article("d" + day, date + "T12:00:00Z", event(EventType.STATEMENT_FRIENDLY, "VNM", List.of("LAO"), date, 1)));
      if (!clockPerDay.isZero()) {
        driver.advanceWallClockTime(clockPerDay);
      }
    }
  }

  private static long count(org.apache.kafka.streams.state.KeyValueStore<String, ?> store) {
    long counted = 0;
    try (var all = store.all()) {
      while (all.hasNext()) {
        all.next();
        counted++;
      }
    }
    return counted;
  }

  @Test
  void shouldKeepEachDyadsEventsWithTheirReportsForTheHistory() {
    send(article("h1", "2026-01-05T07:00:00Z", event(EventType.STATEMENT_HOSTILE, "PRK", List.of("CHN", "KOR"), "2026-01-04", -3)));
    send(article("h2", "2026-01-06T07:00:00Z", event(EventType.STATEMENT_HOSTILE, "PRK", List.of("CHN", "KOR"), "2026-01-04", -3)));
    send(article("h3", "2026-01-07T07:00:00Z", event(EventType.SUMMIT, "CHN", List.of("RUS"), null, 4)));
    io.relmon.scoring.history.HistoryEntries history = history();

    List<io.relmon.scoring.warmth.Contribution> chnPrk = history.of("CHN-PRK", 0);
    assertThat(chnPrk).singleElement().satisfies(c -> {
      assertThat(c.corroboration()).as("the second report corroborates the one entry").isEqualTo(2);
      assertThat(c.sources()).extracting(io.relmon.scoring.warmth.Contribution.Source::title).containsExactly("t h1", "t h2");
      assertThat(c.sources()).extracting(io.relmon.scoring.warmth.Contribution.Source::outlet).containsOnly("test wire");
      assertThat(c.weight()).isEqualTo(-3);
    });
    List<io.relmon.scoring.warmth.Contribution> chnRus = history.of("CHN-RUS", 0);
    assertThat(chnRus).singleElement().satisfies(c -> {
      assertThat(c.date()).as("undated: shown under its publication").isNull();
      assertThat(c.eventTime()).isEqualTo(Instant.parse("2026-01-07T07:00:00Z").toEpochMilli());
    });
    // A driver's details, as the warmth state leaves them out, are put back from what is held.
    assertThat(history.details("CHN-RUS").apply(chnRus.get(0).withoutDetails())).isEqualTo(chnRus.get(0));
    assertThat(history.details("CHN-PRK").apply(chnPrk.get(0).withoutDetails()).sources()).hasSize(2);
  }

  /** The dyads' history as the API and warmth publication read it, over this driver's stores. */
  private io.relmon.scoring.history.HistoryEntries history() {
    return new io.relmon.scoring.history.HistoryEntries(driver.getKeyValueStore(ScoringTopology.EVENT_IDENTITY_STORE),
        driver.getKeyValueStore(ScoringTopology.DYAD_HISTORY_STORE));
  }

  @Test
  void shouldForgetHistoryOlderThanItsRetentionAsStreamTimeMoves() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    long days = ScoringTopology.HISTORY_RETENTION.toDays() + 40;
    for (long day = 0; day < days; day += 10) {
      String date = start.plus(java.time.Duration.ofDays(day)).toString().substring(0, 10);
      send(article("y" + day, date + "T12:00:00Z", event(EventType.STATEMENT_FRIENDLY, "VNM", List.of("LAO"), date, 1)));
      driver.advanceWallClockTime(SweepGate.GAP);
    }
    List<Long> times = history().of("LAO-VNM", 0).stream().map(io.relmon.scoring.warmth.Contribution::eventTime).toList();
    // Swept every sweep interval of the identity store, which holds the events (a thirtieth of
    // the retention): an event is held at most that long past the retention.
    long sweep = io.relmon.scoring.dedupe.DedupeProcessor.sweepInterval(ScoringTopology.HISTORY_RETENTION).toDays();
    long newest = Collections.max(times);
    assertThat(Collections.min(times)).as("nothing older than the retention and a sweep interval is held")
        .isGreaterThanOrEqualTo(newest - ScoringTopology.HISTORY_RETENTION.toMillis() - (sweep + 1) * 86_400_000L);
    assertThat(times.size()).as("entries held").isBetween((int) (ScoringTopology.HISTORY_RETENTION.toDays() / 10) - 1,
        (int) ((ScoringTopology.HISTORY_RETENTION.toDays() + sweep) / 10) + 2);
  }

  @Test
  void shouldDropAnOversizedUrlAndCutAnOversizedOutletOrEvidence() {
    ArticleEvent article = article("big", "2026-01-25T07:00:00Z",
        event(EventType.STATEMENT_FRIENDLY, "VNM", List.of("LAO"), "2026-01-04", 3));
    article.setUrl("https://news.example/" + "u".repeat(600_000));
    article.setSource("s".repeat(10_000));
    article.getEvents().get(0).setEvidence("e".repeat(100_000));

    List<org.apache.kafka.streams.KeyValue<String, DedupedEvent>> sightings = TopologyMappings.sightings(article);

    SourceRefView source = new SourceRefView(sightings.get(0).value.getFirstSeen());
    assertThat(source.url()).isNull();
    assertThat(source.outlet()).hasSize(TopologyMappings.MAX_SOURCE_CHARS);
    assertThat(sightings.get(0).value.getEvent().getEvidence()).hasSize(TopologyMappings.MAX_EVIDENCE_CHARS).endsWith("…");
  }

  private record SourceRefView(String url, String outlet) {
    SourceRefView(io.relmon.schemas.avro.SourceRef ref) {
      this(ref.getUrl(), ref.getSource());
    }
  }

  @Test
  void shouldDeadLetterAnArticleWhoseSightingsWouldBeTooLargeAndGoOn() {
    Properties props = props();
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, io.relmon.service.DeadLetterProcessingHandler.class);
    driver.close();
    driver = new TopologyTestDriver(ScoringTopology.build(TOPICS, ScoringParameters.eventTimeOnly(), props), props);
    articles = driver.createInputTopic(TOPICS.articles().name(), Serdes.String().serializer(), TOPICS.articles().valueSerde().serializer());
    events = driver.createOutputTopic(TOPICS.events().name(), Serdes.String().deserializer(), TOPICS.events().valueSerde().deserializer());
    var dlq = driver.createOutputTopic(TOPICS.scoringDlq().name(), Serdes.String().deserializer(), TOPICS.scoringDlq().valueSerde().deserializer());
    ArticleEvent poisoned = article("p", "2026-01-25T07:00:00Z", event(EventType.MISSILE_TEST, "PRK", List.of("JPN"), "2026-01-04", -5));
    poisoned.setArticleId("x".repeat(600_000));
    // State media, so that its leader mentions take the other branch, which refuses the id too.
    poisoned.setSourceKind(io.relmon.schemas.avro.SourceKind.STATE_MEDIA);
    poisoned.setSourceCountry("PRK");
    poisoned.setLeaderMentions(List.of(io.relmon.schemas.avro.LeaderMention.newBuilder().setLeaderCountry("CHN")
        .setOrder(1).setNamed(true).setGroupSize(0).setTextShare(0.5).build()));

    articles.pipeInput("p", poisoned, poisoned.getPublished());
    send(article("ok", "2026-01-25T07:00:00Z", event(EventType.STATEMENT_FRIENDLY, "VNM", List.of("LAO"), "2026-01-04", 3)));

    List<DeadLetter> letters = dlq.readValuesToList();
    assertThat(letters).extracting(DeadLetter::getReason)
        .anySatisfy(reason -> assertThat(reason).contains("article id 600000 characters").contains("explode-coded-events"))
        .anySatisfy(reason -> assertThat(reason).contains("an id of 600000 characters").contains("observe-leader-mentions"));
    assertThat(events.readValuesToList()).extracting(e -> e.getEvent().getActor()).containsExactly("VNM");
  }

  @Test
  void shouldWriteTheHeldWarmthStateToItsChangelogInEveryCommit() {
    // The warmth store writes behind (WriteBehindStore): its states reach the changelog only if
    // Streams flushes them before committing. The test driver commits after every record, as a
    // stream thread does at its commit interval.
    send(article("a1", "2026-01-25T07:00:00Z", event(EventType.STATE_VISIT, "KOR", List.of("CHN"), "2026-01-04", 4)));
    send(article("a2", "2026-01-25T08:00:00Z", event(EventType.STATEMENT_FRIENDLY, "KOR", List.of("CHN"), "2026-01-05", 3)));
    var changelog = driver.createOutputTopic("relmon-scoring-" + ScoringTopology.DYAD_WARMTH_STORE + "-changelog",
        Serdes.String().deserializer(), Serdes.ByteArray().deserializer()).readRecordsToList();
    assertThat(changelog).extracting(TestRecord::key).containsExactly("CHN-KOR", "CHN-KOR");
    var last = io.relmon.scoring.warmth.DyadWarmthCodec.decode(changelog.get(1).value());
    assertThat(last.eventCount()).isEqualTo(2);
  }

  @Test
  void shouldPublishEachCodedEventAndWarmthPerDyadAsOfTheEventTime() {
    send(article("a1", "2026-01-25T07:00:00Z",
        event(EventType.STATE_VISIT, "KOR", List.of("CHN"), "2026-01-04", 4),
        event(EventType.STATEMENT_FRIENDLY, "JPN", List.of("KOR"), "2026-01-05", 3)));

    List<TestRecord<String, DedupedEvent>> out = events.readRecordsToList();
    assertThat(out).hasSize(2);
    assertThat(out).allSatisfy(r -> {
      assertThat(r.value().getCorroboration()).isEqualTo(1);
      assertThat(r.key()).isEqualTo(r.value().getEventId());
    });
    assertThat(out.get(0).getRecordTime()).isEqualTo(Instant.parse("2026-01-04T00:00:00Z"));

    Map<String, WarmthUpdate> byDyad = warmth.readKeyValuesToMap();
    assertThat(byDyad).containsOnlyKeys("CHN-KOR", "JPN-KOR");
    WarmthUpdate update = byDyad.get("CHN-KOR");
    assertThat(update.getRaw()).isCloseTo(4.0, within(1e-9));
    assertThat(update.getValue()).isCloseTo(100 * Math.tanh(4.0 / 25), within(1e-9));
    assertThat(update.getAsOf()).isEqualTo(Instant.parse("2026-01-04T00:00:00Z"));
    assertThat(update.getDrivers()).singleElement().satisfies(d -> assertThat(d.getUrls()).containsExactly("https://news.example/a1"));
  }

  @Test
  void shouldCountAnUntargetedProvocationTowardStandingAdversariesOnly() {
    send(article("a1", "2026-01-25T07:00:00Z",
        event(EventType.MISSILE_TEST, "PRK", List.of(), "2026-01-04", -7),
        event(EventType.MISSILE_TEST, "IRN", List.of(), "2026-01-04", -7)));

    Map<String, WarmthUpdate> byDyad = warmth.readKeyValuesToMap();
    assertThat(byDyad).containsOnlyKeys("KOR-PRK", "PRK-USA", "JPN-PRK");
    assertThat(byDyad.get("PRK-USA").getRaw()).isCloseTo(-7.0, within(1e-9));
  }

  @Test
  void shouldChangeNothingWhenAnArticleIsIngestedAgain() {
    ArticleEvent a = article("a1", "2026-01-25T07:00:00Z", event(EventType.STATEMENT_HOSTILE, "PRK", List.of("KOR"), "2026-01-14", -3));
    send(a);
    events.readRecordsToList();
    warmth.readRecordsToList();

    send(a);

    assertThat(events.isEmpty()).isTrue();
    assertThat(warmth.isEmpty()).isTrue();
  }

  @Test
  void shouldCorroborateWithoutReweighingWhenAnotherArticleReportsTheSameEvent() {
    send(article("a1", "2026-01-15T07:00:00Z", event(EventType.STATEMENT_HOSTILE, "PRK", List.of("KOR"), "2026-01-14", -3)));
    send(article("a2", "2026-01-16T07:00:00Z", event(EventType.STATEMENT_HOSTILE, "PRK", List.of("KOR"), "2026-01-14", -3)));

    List<DedupedEvent> out = events.readValuesToList();
    assertThat(out).extracting(DedupedEvent::getCorroboration).containsExactly(1, 2);
    assertThat(out.get(1).getSources()).extracting(s -> s.getArticleId()).containsExactly("a1", "a2");
    List<WarmthUpdate> updates = warmth.readValuesToList();
    assertThat(updates).hasSize(2);
    assertThat(updates.get(1).getRaw()).isEqualTo(updates.get(0).getRaw());
    assertThat(updates.get(1).getEventCount()).isEqualTo(1);
    assertThat(updates.get(1).getDrivers().get(0).getCorroboration()).isEqualTo(2);
    assertThat(updates.get(1).getDrivers().get(0).getUrls()).hasSize(2);
  }

  @Test
  void shouldPublishAnEventOfSeveralDyadsOnceAndCountItOnceInEachDyad() {
    // De-duplicated per dyad (one task per dyad holds its identities and warmth): the event is
    // still published once per sighting, and each dyad counts it once, corroborated by both.
    send(article("a1", "2026-01-15T07:00:00Z", event(EventType.SANCTIONS, "USA", List.of("RUS", "IRN"), "2026-01-14", -6)));
    send(article("a2", "2026-01-16T07:00:00Z", event(EventType.SANCTIONS, "USA", List.of("IRN", "RUS"), "2026-01-14", -6)));
    send(article("a2", "2026-01-16T07:00:00Z", event(EventType.SANCTIONS, "USA", List.of("IRN", "RUS"), "2026-01-14", -6)));

    List<TestRecord<String, DedupedEvent>> out = events.readRecordsToList();
    assertThat(out).extracting(r -> r.value().getCorroboration()).containsExactly(1, 2);
    assertThat(out).extracting(TestRecord::key).containsOnly(out.get(0).value().getEventId());
    Map<String, WarmthUpdate> byDyad = warmth.readKeyValuesToMap();
    assertThat(byDyad).containsOnlyKeys("IRN-USA", "RUS-USA");
    assertThat(byDyad.values()).allSatisfy(u -> {
      assertThat(u.getRaw()).isCloseTo(-6.0, within(1e-9));
      assertThat(u.getEventCount()).isEqualTo(1);
      assertThat(u.getDrivers().get(0).getCorroboration()).isEqualTo(2);
    });
  }

  @Test
  void shouldPublishAnEventOfNoDyadOnceAndCountItNowhere() {
    send(article("a1", "2026-01-15T07:00:00Z",
        event(EventType.STATEMENT_FRIENDLY, "BRA", List.of(), "2026-01-14", 2),
        event(EventType.STATEMENT_FRIENDLY, "BRA", List.of("BRA"), "2026-01-14", 2),
        event(EventType.STATEMENT_FRIENDLY, "PRK", List.of(), "2026-01-14", 2)));
    send(article("a2", "2026-01-16T07:00:00Z", event(EventType.STATEMENT_FRIENDLY, "PRK", List.of(), "2026-01-14", 2)));

    assertThat(events.readValuesToList()).extracting(DedupedEvent::getCorroboration).containsExactly(1, 1, 1, 2);
    assertThat(warmth.isEmpty()).as("an untargeted friendly statement counts toward no one").isTrue();
  }

  @Test
  void shouldCountALateEventDatedMonthsBeforeItsArticle() {
    send(article("a1", "2026-01-25T07:00:00Z", event(EventType.STATEMENT_HOSTILE, "CHN", List.of("PRK"), "2026-01-20", -3)));
    send(article("a2", "2026-01-26T07:00:00Z", event(EventType.STATE_VISIT, "PRK", List.of("CHN"), "2025-09-03", 4)));

    List<WarmthUpdate> updates = warmth.readValuesToList();
    WarmthUpdate last = updates.get(updates.size() - 1);
    assertThat(last.getEventCount()).isEqualTo(2);
    assertThat(last.getAsOf()).isEqualTo(Instant.parse("2026-01-20T00:00:00Z"));
    double ageDays = 139; // 2025-09-03 to 2026-01-20
    assertThat(last.getRaw()).isCloseTo(-3 + 4 * Math.pow(2, -ageDays / 30), within(1e-9));
  }

  @Test
  void shouldNotCountPlannedEventsIntoWarmthButStillPublishThem() {
    send(article("a1", "2026-01-02T07:00:00Z", event(EventType.SUMMIT, "KOR", List.of("CHN"), "2026-01-05", 4, Modality.PLANNED)));

    assertThat(events.readValuesToList()).hasSize(1);
    assertThat(warmth.isEmpty()).isTrue();
  }

  @Test
  void shouldGiveTheSameFinalWarmthWhateverTheOrderOfEvents() {
    List<ArticleEvent> story = new ArrayList<>();
    String[] dates = {"2025-09-03", "2025-11-20", "2025-12-10", "2026-01-04", "2026-01-08", "2026-01-14", "2026-01-20", "2026-03-01", "2026-05-30"};
    EventType[] types = {EventType.STATE_VISIT, EventType.STATEMENT_HOSTILE, EventType.COOPERATION_STALLED, EventType.AID, EventType.SANCTIONS};
    double[] weights = {4, -3, -3, 7, -6};
    for (int i = 0; i < 30; i++) {
      int t = i % types.length;
      story.add(article("a" + i, "2026-06-01T00:00:00Z",
          event(types[t], i % 2 == 0 ? "PRK" : "CHN", List.of(i % 2 == 0 ? "CHN" : "PRK"), dates[i % dates.length], weights[t])));
    }
    Map<String, WarmthUpdate> inOrder = finalWarmth(story);
    for (long seed = 1; seed <= 5; seed++) {
      List<ArticleEvent> shuffled = new ArrayList<>(story);
      Collections.shuffle(shuffled, new Random(seed));
      Map<String, WarmthUpdate> other = finalWarmth(shuffled);
      assertThat(other.keySet()).isEqualTo(inOrder.keySet());
      other.forEach((dyad, update) -> {
        WarmthUpdate expected = inOrder.get(dyad);
        assertThat(update.getRaw()).isCloseTo(expected.getRaw(), within(1e-9));
        assertThat(update.getChange30d()).isCloseTo(expected.getChange30d(), within(1e-9));
        assertThat(update.getEventCount()).isEqualTo(expected.getEventCount());
        assertThat(update.getAsOf()).isEqualTo(expected.getAsOf());
        assertThat(update.getDrivers()).extracting(d -> d.getEventId())
            .isEqualTo(expected.getDrivers().stream().map(d -> d.getEventId()).toList());
      });
    }
  }

  private Map<String, WarmthUpdate> finalWarmth(List<ArticleEvent> story) {
    stop();
    start();
    story.forEach(this::send);
    return warmth.readKeyValuesToMap();
  }

  @Test
  void shouldDeadLetterAnUndecodableArticleWithItsContextAndCarryOn() {
    TestInputTopic<String, byte[]> raw = driver.createInputTopic(TOPICS.articles().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    TestOutputTopic<String, DeadLetter> dlq = driver.createOutputTopic(TOPICS.scoringDlq().name(), Serdes.String().deserializer(), AvroSerde.of(DeadLetter.class).deserializer());

    raw.pipeInput("bad-1", "not avro".getBytes(StandardCharsets.UTF_8));
    send(article("a1", "2026-01-25T07:00:00Z", event(EventType.STATE_VISIT, "KOR", List.of("CHN"), "2026-01-04", 4)));

    TestRecord<String, DeadLetter> letter = dlq.readRecord();
    assertThat(letter.key()).isEqualTo("bad-1");
    assertThat(letter.value().getReason()).contains("bad header");
    assertThat(new String(letter.value().getOriginalValue().array(), StandardCharsets.UTF_8)).isEqualTo("not avro");
    assertThat(letter.value().getSourceTopic()).isEqualTo(TOPICS.articles().name());
    assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8)).contains("bad header");
    assertThat(letter.headers().lastHeader(DeadLetters.OFFSET_HEADER)).isNotNull();
    assertThat(events.readValuesToList()).hasSize(1);
  }
}
