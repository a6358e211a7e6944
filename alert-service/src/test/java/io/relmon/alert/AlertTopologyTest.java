package io.relmon.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.alert.rules.RuleSet;
import io.relmon.alert.rules.RulesFile;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.Alert;
import io.relmon.schemas.avro.WarmthUpdate;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

class AlertTopologyTest {
  private static final Topics TOPICS = Topics.defaults();
  private static final RuleSet RULES = RulesFile.parse("""
      channels:
        desk:
          email:
            to: [desk@example.org]
      rules:
        - name: cooling
          kind: warmth_below
          dyads: [CHN-PRK]
          threshold: -20
          rearm: -10
          severity: WARNING
          channels: [desk]
      """, "test");

  private static Properties props() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "relmon-alert-rules");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    // A directory of its own: under the default (/tmp/kafka-streams) two builds on one machine
    // locked each other's RocksDB stores.
    p.put(StreamsConfig.STATE_DIR_CONFIG, freshStateDir());
    return p;
  }

  private static String freshStateDir() {
    try {
      return java.nio.file.Files.createTempDirectory("relmon-alert-test-").toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static WarmthUpdate warmth(String dyad, double value, String asOf) {
    WarmthUpdate base = AlertFixtures.alert("x", "https://x.example").getWarmth();
    return WarmthUpdate.newBuilder(base).setDyad(dyad).setValue(value).setAsOf(Instant.parse(asOf)).build();
  }

  @Test
  void shouldFireOncePerCrossingForWatchedDyadsWithAStableId() {
    Properties p = props();
    try (TopologyTestDriver driver = new TopologyTestDriver(AlertTopology.build(TOPICS, RULES, p), p)) {
      TestInputTopic<String, WarmthUpdate> in = driver.createInputTopic(TOPICS.warmth().name(), Serdes.String().serializer(), TOPICS.warmth().valueSerde().serializer());
      TestOutputTopic<String, Alert> out = driver.createOutputTopic(TOPICS.alerts().name(), Serdes.String().deserializer(), TOPICS.alerts().valueSerde().deserializer());

      in.pipeInput("CHN-PRK", warmth("CHN-PRK", -15, "2026-01-10T00:00:00Z"));
      in.pipeInput("CHN-PRK", warmth("CHN-PRK", -25, "2026-01-12T00:00:00Z"));
      in.pipeInput("CHN-PRK", warmth("CHN-PRK", -30, "2026-01-13T00:00:00Z"));
      in.pipeInput("KOR-PRK", warmth("KOR-PRK", -90, "2026-01-13T00:00:00Z"));

      List<Alert> alerts = out.readValuesToList();
      assertThat(alerts).singleElement().satisfies(a -> {
        assertThat(a.getDyad()).isEqualTo("CHN-PRK");
        assertThat(a.getValue()).isEqualTo(-25);
        assertThat(a.getChannels()).containsExactly("desk");
        assertThat(a.getWarmth().getDrivers()).isNotEmpty();
        assertThat(a.getAlertId()).isEqualTo(io.relmon.alert.rules.RuleProcessorIds.idOf("cooling", "CHN-PRK", Instant.parse("2026-01-12T00:00:00Z").toEpochMilli()));
      });
    }
  }

  @Test
  void shouldAlertOnceForASignalSeenTwice() {
    RuleSet rules = RulesFile.parse("""
        channels:
          desk:
            email:
              to: [desk@example.org]
        rules:
          - name: provocations
            kind: signal
            dyads: all
            signal: TIMED_PROVOCATION
            min_weight: 3
            severity: WARNING
            channels: [desk]
          - name: big-only
            kind: signal
            dyads: all
            signal: TIMED_PROVOCATION
            min_weight: 5
            severity: WARNING
            channels: [desk]
        """, "test");
    Properties p = props();
    try (TopologyTestDriver driver = new TopologyTestDriver(AlertTopology.build(TOPICS, rules, p), p)) {
      TestInputTopic<String, io.relmon.schemas.avro.Signal> in = driver.createInputTopic(TOPICS.signals().name(),
          Serdes.String().serializer(), TOPICS.signals().valueSerde().serializer());
      TestOutputTopic<String, Alert> out = driver.createOutputTopic(TOPICS.alerts().name(), Serdes.String().deserializer(), TOPICS.alerts().valueSerde().deserializer());
      var signal = io.relmon.schemas.avro.Signal.newBuilder()
          .setSignalId("s1").setType(io.relmon.schemas.avro.SignalType.TIMED_PROVOCATION).setActor("PRK")
          .setTargets(List.of("CHN", "KOR")).setDate("2026-01-04").setWeight(-4).setExplanation("x")
          .setCitedEventIds(List.of("e1", "e2")).setEventTime(Instant.parse("2026-01-04T00:00:00Z")).build();

      in.pipeInput("CHN-PRK", signal);
      in.pipeInput("KOR-PRK", signal);
      in.pipeInput("CHN-PRK", signal);

      List<Alert> alerts = out.readValuesToList();
      assertThat(alerts).extracting(Alert::getDyad).containsExactlyInAnyOrder("CHN-PRK", "KOR-PRK");
      assertThat(alerts).allSatisfy(a -> assertThat(a.getRule()).isEqualTo("provocations"));
    }
  }

  @Test
  void shouldFireADropRuleFromTheWindowsHigh() {
    RuleSet rules = RulesFile.parse("""
        channels:
          desk:
            email:
              to: [desk@example.org]
        rules:
          - name: sudden
            kind: drop
            dyads: all
            delta: 20
            window: P30D
            severity: CRITICAL
            channels: [desk]
        """, "test");
    Properties p = props();
    try (TopologyTestDriver driver = new TopologyTestDriver(AlertTopology.build(TOPICS, rules, p), p)) {
      TestInputTopic<String, WarmthUpdate> in = driver.createInputTopic(TOPICS.warmth().name(), Serdes.String().serializer(), TOPICS.warmth().valueSerde().serializer());
      TestOutputTopic<String, Alert> out = driver.createOutputTopic(TOPICS.alerts().name(), Serdes.String().deserializer(), TOPICS.alerts().valueSerde().deserializer());

      in.pipeInput("CHN-PRK", warmth("CHN-PRK", 15, "2026-01-01T00:00:00Z"));
      in.pipeInput("CHN-PRK", warmth("CHN-PRK", 0, "2026-01-10T00:00:00Z"));
      in.pipeInput("CHN-PRK", warmth("CHN-PRK", -6, "2026-01-20T00:00:00Z"));
      in.pipeInput("CHN-PRK", warmth("CHN-PRK", -4, "2026-03-01T00:00:00Z"));

      List<Alert> alerts = out.readValuesToList();
      assertThat(alerts).singleElement().satisfies(a -> {
        assertThat(a.getRuleKind()).isEqualTo(io.relmon.schemas.avro.RuleKind.DROP);
        assertThat(a.getValue()).isEqualTo(-6);
        assertThat(a.getHistory()).hasSize(3);
      });
    }
  }
}
