package io.relmon.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.WarmthUpdate;
import io.relmon.service.TopicSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults beyond a single restart (docs/reliability.md): an instance of two killed on a 3-broker
 * cluster, and an instance started again from an empty state directory. Each run ends exactly
 * where an uninterrupted TopologyTestDriver run of the same articles ends.
 */
class ScoringFaultsIT {

  private static final Topics TOPICS = Topics.defaults();

  @TempDir
  Path dir;

  @Test
  void shouldEndWithTheSameResultsWhenOneOfTwoInstancesIsKilledOnAThreeBrokerCluster() throws Exception {
    List<ArticleEvent> input = ScoringRestartIT.articles(new Random(11));
    ScoringRestartIT.Reference expected = ScoringRestartIT.reference(input);
    // A short session so that the survivor takes over within seconds of the kill, not 45.
    Map<String, String> env = Map.of("RELMON_SCORING_REPLICATION_FACTOR", "3", "KAFKA_SESSION_TIMEOUT_MS", "10000",
        "KAFKA_HEARTBEAT_INTERVAL_MS", "2000");
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 3, 0);
         var admin = kafka.admin()) {
      TopicSetup.ensure(admin, TOPICS, (short) 3);
      Process killed = ScoringRestartIT.scoring(kafka.bootstrapServers(), dir.resolve("state-a"), env);
      Process survivor = ScoringRestartIT.scoring(kafka.bootstrapServers(), dir.resolve("state-b"), env);
      // The last 100 articles only after the kill: the survivor must take over the killed
      // instance's partitions to finish them.
      try (PacedArticleFeed feed = PacedArticleFeed.start(kafka.bootstrapServers(), input, 100, Duration.ofMillis(20))) {
        ScoringRestartIT.awaitWarmthRecords(kafka.bootstrapServers(), 10, Duration.ofSeconds(120));
        killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long killedAt = System.nanoTime();
        int beforeKill = ScoringRestartIT.readAll(kafka.bootstrapServers()).size();
        assertThat(feed.sent()).as("articles sent before the kill").isLessThanOrEqualTo(input.size() - 100);
        feed.awaitAllSent(Duration.ofSeconds(60));

        Map<String, WarmthUpdate> warmth = ScoringRestartIT.awaitFinal(kafka.bootstrapServers(), expected.warmth(), Duration.ofSeconds(240));
        long tookOver = (System.nanoTime() - killedAt) / 1_000_000;
        ScoringRestartIT.assertSameResultsWithin(kafka.bootstrapServers(), expected, Duration.ofSeconds(120));
        assertThat(survivor.isAlive()).isTrue();
        System.out.println("SCORING-FAILOVER-IT: 3 brokers, 2 instances, one killed after " + beforeKill + " warmth updates; the survivor"
            + " finished " + input.size() + " articles in " + tookOver + " ms; " + warmth.size() + " dyads, "
            + expected.corroboration().size() + " events, " + expected.signals().size() + " signal records equal to the uninterrupted run");
      } finally {
        killed.destroyForcibly();
        survivor.destroy();
        survivor.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void shouldRestoreFromTheChangelogsWhenStartedOnAnEmptyStateDirectory() throws Exception {
    List<ArticleEvent> input = ScoringRestartIT.articles(new Random(13));
    List<ArticleEvent> first = input.subList(0, input.size() / 2);
    ScoringRestartIT.Reference half = ScoringRestartIT.reference(first);
    ScoringRestartIT.Reference expected = ScoringRestartIT.reference(input);
    Path state = dir.resolve("state");
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0);
         var admin = kafka.admin()) {
      TopicSetup.ensure(admin, TOPICS, (short) 1);
      ScoringRestartIT.produce(kafka.bootstrapServers(), first);
      Process before = ScoringRestartIT.scoring(kafka.bootstrapServers(), state, Map.of());
      ScoringRestartIT.awaitFinal(kafka.bootstrapServers(), half.warmth(), Duration.ofSeconds(180));
      before.destroy();
      assertThat(before.waitFor(60, TimeUnit.SECONDS)).as("clean shutdown").isTrue();
      long files = countFiles(state);
      deleteRecursively(state);

      // The rest of the articles, for a process with nothing on disk: its stores must come back
      // from the changelogs, or the second half would be counted against empty state.
      ScoringRestartIT.produce(kafka.bootstrapServers(), input.subList(input.size() / 2, input.size()));
      Process after = ScoringRestartIT.scoring(kafka.bootstrapServers(), state, Map.of());
      try {
        long started = System.nanoTime();
        Map<String, WarmthUpdate> warmth = ScoringRestartIT.awaitFinal(kafka.bootstrapServers(), expected.warmth(), Duration.ofSeconds(240));
        ScoringRestartIT.assertSameResultsWithin(kafka.bootstrapServers(), expected, Duration.ofSeconds(120));
        System.out.println("SCORING-EMPTY-STATE-IT: state directory of " + files + " files deleted after " + first.size()
            + " articles; restored and finished " + input.size() + " in " + (System.nanoTime() - started) / 1_000_000 + " ms; "
            + warmth.size() + " dyads equal to the uninterrupted run");
      } finally {
        after.destroy();
        after.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static long countFiles(Path root) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  private static void deleteRecursively(Path root) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
