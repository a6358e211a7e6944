package io.relmon.scoring;

import static io.relmon.scoring.Fixtures.article;
import static io.relmon.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.schemas.Topic;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.EventType;
import io.relmon.schemas.avro.Signal;
import io.relmon.schemas.avro.SignalType;
import io.relmon.schemas.avro.WarmthUpdate;
import io.relmon.service.TopicReader;
import io.relmon.service.TopicSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once through a crash: the scoring service runs as its own process against the real
 * broker, is killed (SIGKILL, no clean shutdown) while it works through the input, and started
 * again on the same state directory. The final warmth of every dyad must equal that of an
 * uninterrupted run of the same topology over the same articles — nothing lost, nothing counted
 * twice.
 */
class ScoringRestartIT {

  private static final Topics TOPICS = Topics.defaults();
  private static final int ARTICLES = 400;
  private static final int HELD_BACK = 100;

  @TempDir
  Path dir;

  // It found a real loss: a TIMED_PROVOCATION missing after the restart, because the join's window
  // store numbers records that share key and timestamp with a counter that restarts at zero (see
  // JoinTimeStamper and docs/topology.md). It also checks the events and signals, not only warmth.
  @Test
  void shouldEndWithTheSameWarmthAfterAKillAndARestart() throws Exception {
    List<ArticleEvent> input = articles(new Random(7));
    Reference reference = reference(input);
    Map<String, WarmthUpdate> expected = reference.warmth();

    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0);
         var admin = kafka.admin()) {
      TopicSetup.ensure(admin, TOPICS, (short) 1);
      Process first = scoring(kafka.bootstrapServers());
      // Paced so that the kill lands while the instance follows the feed; the last quarter
      // only after the kill, so the restarted instance has work left whatever the machine's speed.
      PacedArticleFeed feed = PacedArticleFeed.start(kafka.bootstrapServers(), input, HELD_BACK, Duration.ofMillis(20));
      awaitWarmthRecords(kafka.bootstrapServers(), 10, Duration.ofSeconds(90));
      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      int sentBeforeKill = feed.sent();
      int beforeKill = readAll(kafka.bootstrapServers()).size();
      feed.awaitAllSent(Duration.ofSeconds(60));
      System.out.println("RESTART-IT killed after " + beforeKill + " warmth updates, " + sentBeforeKill + " of " + ARTICLES + " articles sent");

      Process second = scoring(kafka.bootstrapServers());
      try {
        long restarted = System.nanoTime();
        Map<String, WarmthUpdate> finalWarmth = awaitFinal(kafka.bootstrapServers(), expected, Duration.ofSeconds(240));
        System.out.println("RESTART-IT converged in " + (System.nanoTime() - restarted) / 1_000_000 + " ms after the restart");
        int afterRestart = readAll(kafka.bootstrapServers()).size();
        assertThat(sentBeforeKill).as("articles sent before the kill").isLessThanOrEqualTo(ARTICLES - HELD_BACK);
        assertThat(beforeKill).as("the restarted instance published the held-back articles' updates").isLessThan(afterRestart);
        expected.forEach((dyad, wanted) -> {
          WarmthUpdate got = finalWarmth.get(dyad);
          if (got == null || Math.abs(got.getRaw() - wanted.getRaw()) > 1e-9 || got.getEventCount() != wanted.getEventCount()) {
            System.out.println("RESTART-IT differs " + dyad + ": expected raw " + wanted.getRaw() + " events " + wanted.getEventCount()
                + ", got " + (got == null ? "nothing" : "raw " + got.getRaw() + " events " + got.getEventCount()));
          }
        });
        assertSameResultsWithin(kafka.bootstrapServers(), reference, Duration.ofSeconds(120));
      } finally {
        second.destroy();
        second.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Articles with events among a few states over three months, some reported twice. */
  static List<ArticleEvent> articles(Random random) {
    String[] states = {"CHN", "PRK", "KOR", "RUS", "JPN", "USA"};
    EventType[] types = {EventType.STATEMENT_HOSTILE, EventType.STATEMENT_FRIENDLY, EventType.AID, EventType.SANCTIONS,
        EventType.STATE_VISIT, EventType.MISSILE_TEST, EventType.SUMMIT};
    double[] weights = {-3, 3, 7, -6, 4, -7, 4};
    List<ArticleEvent> articles = new ArrayList<>();
    for (int i = 0; i < ARTICLES; i++) {
      int t = random.nextInt(types.length);
      String actor = states[random.nextInt(states.length)];
      String target = states[random.nextInt(states.length)];
      LocalDate day = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(90));
      List<String> targets = types[t] == EventType.MISSILE_TEST || target.equals(actor) ? List.of() : List.of(target);
      articles.add(article("r" + i, day.plusDays(random.nextInt(3)) + "T06:00:00Z",
          event(types[t], actor, targets, day.toString(), weights[t])));
    }
    return articles;
  }

  /**
   * What a run produced: final warmth per dyad, the highest corroboration of each de-duplicated
   * event, and the composite signals (id, type and dyad; PIVOT is left out, its timing follows
   * the order warmth updates arrive in, which partitions interleave differently).
   */
  record Reference(Map<String, WarmthUpdate> warmth, Map<String, Integer> corroboration, Set<String> signals) {}

  /** The reference: the same topology over the same articles, without interruption. */
  static Reference reference(List<ArticleEvent> input) {
    Properties props = ScoringTopologyTest.props();
    try (TopologyTestDriver driver = new TopologyTestDriver(ScoringTopology.build(TOPICS, ScoringParameters.eventTimeOnly(), props), props)) {
      TestInputTopic<String, ArticleEvent> in = driver.createInputTopic(TOPICS.articles().name(), Serdes.String().serializer(),
          TOPICS.articles().valueSerde().serializer());
      input.forEach(a -> in.pipeInput(a.getArticleId(), a, a.getPublished()));
      Map<String, WarmthUpdate> warmth = driver.createOutputTopic(TOPICS.warmth().name(), Serdes.String().deserializer(),
          TOPICS.warmth().valueSerde().deserializer()).readKeyValuesToMap();
      List<DedupedEvent> events = driver.createOutputTopic(TOPICS.events().name(), Serdes.String().deserializer(),
          TOPICS.events().valueSerde().deserializer()).readValuesToList();
      List<KeyValue<String, Signal>> signals = driver.createOutputTopic(TOPICS.signals().name(), Serdes.String().deserializer(),
          TOPICS.signals().valueSerde().deserializer()).readKeyValuesToList();
      return new Reference(warmth, corroboration(events), signalKeys(signals));
    }
  }

  /** Asserts that a run ended where the reference did: warmth, events with corroboration, signals. */
  static void assertSameResults(Reference expected, Reference actual) {
    assertThat(actual.corroboration()).as("de-duplicated events and their corroboration").isEqualTo(expected.corroboration());
    assertThat(actual.signals()).as("composite signals (id, type, dyad)").isEqualTo(expected.signals());
    assertThat(actual.warmth().keySet()).isEqualTo(expected.warmth().keySet());
    actual.warmth().forEach((dyad, update) -> {
      WarmthUpdate wanted = expected.warmth().get(dyad);
      assertThat(update.getRaw()).as(dyad).isCloseTo(wanted.getRaw(), org.assertj.core.api.Assertions.within(1e-9));
      assertThat(update.getEventCount()).as(dyad).isEqualTo(wanted.getEventCount());
      assertThat(update.getAsOf()).as(dyad).isEqualTo(wanted.getAsOf());
    });
  }

  /**
   * {@link #assertSameResults} once the run has caught up, or with what it shows after {@code
   * timeout}. Warmth's event counts leave signals out, and a TIMED_PROVOCATION comes from the join's
   * task, which after a failover may still be restoring its window stores when every dyad's events
   * are in: on a loaded CI machine, two seconds after the warmth was complete, 37 of 214 signal
   * records were out. The results must still end equal; only the wait covers them all.
   */
  static void assertSameResultsWithin(String bootstrap, Reference expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        assertSameResults(expected, observed(bootstrap, readWarmth(bootstrap)));
        return;
      } catch (AssertionError notYet) {
        if (System.nanoTime() >= deadline) {
          throw notYet;
        }
        Thread.sleep(500);
      }
    }
  }

  static Reference observed(String bootstrap, Map<String, WarmthUpdate> warmth) {
    List<DedupedEvent> events = TopicReader.values(bootstrap, TOPICS.events());
    List<KeyValue<String, Signal>> signals = TopicReader.readAll(bootstrap, TOPICS.signals()).stream()
        .map(r -> KeyValue.pair(r.key(), r.value())).toList();
    return new Reference(warmth, corroboration(events), signalKeys(signals));
  }

  private static Map<String, Integer> corroboration(List<DedupedEvent> events) {
    Map<String, Integer> byId = new TreeMap<>();
    events.forEach(e -> byId.merge(e.getEventId(), e.getCorroboration(), Math::max));
    return byId;
  }

  private static Set<String> signalKeys(List<KeyValue<String, Signal>> signals) {
    Set<String> keys = new TreeSet<>();
    signals.stream().filter(kv -> kv.value.getType() != SignalType.PIVOT)
        .forEach(kv -> keys.add(kv.value.getSignalId() + " " + kv.value.getType() + " " + kv.key));
    return keys;
  }

  private Process scoring(String bootstrap) throws Exception {
    return scoring(bootstrap, dir.resolve("state"), Map.of());
  }

  /** The scoring service as its own process, on {@code stateDir}, with {@code env} added. */
  static Process scoring(String bootstrap, Path stateDir, Map<String, String> extraEnv) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), ScoringApp.class.getName());
    Map<String, String> env = builder.environment();
    env.put("RELMON_KAFKA_BOOTSTRAP", bootstrap);
    env.put("RELMON_SCORING_PORT", "0");
    env.put("RELMON_SCORING_STATE_DIR", stateDir.toString());
    env.put("RELMON_SCORING_ADVANCE_INTERVAL_MINUTES", "0");
    env.putAll(extraEnv);
    // Kept under target/ (not the temporary directory) so a failure can be read afterwards.
    Path logs = Path.of("target", "restart-it");
    java.nio.file.Files.createDirectories(logs);
    builder.redirectErrorStream(true).redirectOutput(logs.resolve("scoring-" + System.nanoTime() + ".log").toFile());
    return builder.start();
  }

  static void produce(String bootstrap, List<ArticleEvent> input) throws Exception {
    Topic<String, ArticleEvent> topic = TOPICS.articles();
    try (KafkaProducer<String, ArticleEvent> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
        topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      for (ArticleEvent a : input) {
        producer.send(new ProducerRecord<>(topic.name(), null, a.getPublished().toEpochMilli(), a.getArticleId(), a));
      }
      producer.flush();
    }
  }

  static void awaitWarmthRecords(String bootstrap, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (readAll(bootstrap).size() >= count) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("scoring produced fewer than " + count + " warmth updates within " + timeout);
  }

  static Map<String, WarmthUpdate> awaitFinal(String bootstrap, Map<String, WarmthUpdate> expected, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, WarmthUpdate> latest = Map.of();
    while (System.nanoTime() < deadline) {
      latest = readWarmth(bootstrap);
      boolean complete = latest.keySet().equals(expected.keySet()) && latest.entrySet().stream()
          .allMatch(e -> e.getValue().getEventCount() >= expected.get(e.getKey()).getEventCount()
              && e.getValue().getAsOf().equals(expected.get(e.getKey()).getAsOf()));
      if (complete) {
        Thread.sleep(2000);
        return readWarmth(bootstrap);
      }
      Thread.sleep(500);
    }
    return latest;
  }

  /** The latest update per dyad, by its as-of time and event count (the most complete state). */
  static Map<String, WarmthUpdate> readWarmth(String bootstrap) {
    Map<String, WarmthUpdate> latest = new TreeMap<>();
    for (WarmthUpdate u : readAll(bootstrap)) {
      WarmthUpdate known = latest.get(u.getDyad());
      if (known == null || u.getEventCount() > known.getEventCount()
          || (u.getEventCount() == known.getEventCount() && !u.getAsOf().isBefore(known.getAsOf()))) {
        latest.put(u.getDyad(), u);
      }
    }
    return latest;
  }

  static List<WarmthUpdate> readAll(String bootstrap) {
    return TopicReader.values(bootstrap, TOPICS.warmth());
  }
}
