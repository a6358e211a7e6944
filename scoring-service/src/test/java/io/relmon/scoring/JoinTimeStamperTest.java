package io.relmon.scoring;

import static io.relmon.scoring.Fixtures.article;
import static io.relmon.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.schemas.AvroSerde;
import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.EventType;
import io.relmon.scoring.signals.JoinTimeStamper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each record of a join side gets a timestamp no other record of that side holds. */
class JoinTimeStamperTest {

  private static final String STORE = "times";
  private final AvroSerde<DedupedEvent> serde = AvroSerde.of(DedupedEvent.class);
  private TopologyTestDriver driver;
  private TestInputTopic<String, DedupedEvent> in;
  private TestOutputTopic<String, DedupedEvent> out;

  @BeforeEach
  void start() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.String()));
    builder.stream("in", Consumed.with(Serdes.String(), serde))
        .processValues(() -> new JoinTimeStamper(STORE, Duration.ofDays(10)), Named.as("stamp"), STORE)
        .to("out", Produced.with(Serdes.String(), serde));
    Properties props = ScoringTopologyTest.props();
    driver = new TopologyTestDriver(builder.build(), props);
    in = driver.createInputTopic("in", Serdes.String().serializer(), serde.serializer());
    out = driver.createOutputTopic("out", Serdes.String().deserializer(), serde.deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void shouldGiveEventsOfOneInstantDistinctTimestampsAtOrJustAfterIt() {
    DedupedEvent a = event("a", EventType.MISSILE_TEST, "PRK", "2026-01-04");
    DedupedEvent b = event("b", EventType.THREAT, "PRK", "2026-01-04");
    DedupedEvent c = event("c", EventType.THREAT, "RUS", "2026-01-04");
    List.of(a, b, c).forEach(e -> in.pipeInput("timing", e, e.getEventTime()));

    long day = Instant.parse("2026-01-04T00:00:00Z").toEpochMilli();
    assertThat(out.readRecordsToList()).extracting(TestRecord::timestamp).containsExactly(day, day + 1, day + 2);
  }

  @Test
  void shouldGiveARecordSeenAgainTheSlotItHadBefore() {
    DedupedEvent a = event("a", EventType.MISSILE_TEST, "PRK", "2026-01-04");
    DedupedEvent b = event("b", EventType.THREAT, "PRK", "2026-01-04");
    in.pipeInput("timing", a, a.getEventTime());
    in.pipeInput("timing", b, b.getEventTime());
    in.pipeInput("timing", b, b.getEventTime());

    assertThat(out.readRecordsToList()).extracting(TestRecord::timestamp).containsExactly(
        a.getEventTime().toEpochMilli(), a.getEventTime().toEpochMilli() + 1, a.getEventTime().toEpochMilli() + 1);
  }

  @Test
  void shouldForgetSlotsOlderThanTheRetentionBehindTheNewest() {
    DedupedEvent old = event("a", EventType.MISSILE_TEST, "PRK", "2026-01-04");
    DedupedEvent recent = event("b", EventType.THREAT, "PRK", "2026-01-20");
    in.pipeInput("timing", old, old.getEventTime());
    in.pipeInput("timing", recent, recent.getEventTime());

    KeyValueStore<String, String> times = driver.getKeyValueStore(STORE);
    try (var all = times.all()) {
      assertThat(all).toIterable().extracting(kv -> kv.value).containsExactly(recent.getEventId());
    }
  }

  private static DedupedEvent event(String article, EventType type, String actor, String date) {
    return TopologyMappings.sightings(article(article, date + "T09:00:00Z", Fixtures.event(type, actor, List.of(), date, -5))).get(0).value;
  }
}
