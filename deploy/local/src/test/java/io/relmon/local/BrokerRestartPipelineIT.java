package io.relmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.ingest.IngestApp;
import io.relmon.ingest.IngestConfig;
import io.relmon.ingest.PostingClients;
import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.scoring.ScoringApp;
import io.relmon.scoring.ScoringConfig;
import io.relmon.service.Json;
import io.relmon.service.Settings;
import io.relmon.service.TopicReader;
import io.relmon.service.TopicSetup;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stops and starts again while clients keep posting articles to ingest and scoring
 * works through them: every article answered 202 is on the articles topic, and scoring counts
 * every article on the topic exactly once — each event's corroboration equals the number of
 * articles that reported it. (IngestBrokerRestartIT stops at the topic; this follows the articles
 * through scoring, whose stream thread lives through the outage.)
 */
class BrokerRestartPipelineIT {

  private static final String TOKEN = "pipeline-restart-token-0123456789";
  private static final String[] CAPITALS = {"Tokyo", "Seoul", "Beijing", "Moscow", "Washington", "Pyongyang"};
  private static final String[] VERBS = {"praised", "criticised"};
  private static final int EVENTS = 9 * VERBS.length * CAPITALS.length * (CAPITALS.length - 1);

  @TempDir
  Path dir;

  /** Article n reports one of 540 events (actor, verb, target, day): each event by many articles. */
  static String sentence(int n) {
    int k = n % EVENTS;
    int day = 1 + k % 9;
    k /= 9;
    int verb = k % VERBS.length;
    k /= VERBS.length;
    int actor = k % CAPITALS.length;
    int target = (actor + 1 + k / CAPITALS.length) % CAPITALS.length;
    return CAPITALS[actor] + " " + VERBS[verb] + " " + CAPITALS[target] + " on Jan. " + day + ".";
  }

  private static String article(int n) {
    return Json.MAPPER.valueToTree(Map.of("url", "https://restart.example/article/" + n, "source", "Yonhap",
        "title", "Article " + n, "body", sentence(n), "published", "2026-01-10T09:00:00+09:00")).toString();
  }

  @Test
  void shouldCountEveryAcknowledgedArticleOnceThroughABrokerRestart() throws Exception {
    Topics topics = Topics.defaults();
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0)) {
      try (var admin = kafka.admin()) {
        TopicSetup.ensure(admin, topics, (short) 1);
      }
      Map<String, String> settings = Map.of("relmon.kafka.bootstrap", kafka.bootstrapServers(),
          "relmon.ingest.host", "127.0.0.1", "relmon.ingest.port", "0", "relmon.ingest.token", TOKEN,
          "relmon.ingest.publish.timeout.ms", "2000",
          "relmon.scoring.host", "127.0.0.1", "relmon.scoring.port", "0",
          "relmon.scoring.state.dir", dir.resolve("scoring").toString(), "relmon.scoring.advance.interval.minutes", "0");
      try (ScoringApp scoring = ScoringApp.start(ScoringConfig.from(new Settings(settings), Map.of()), topics);
           IngestApp ingest = IngestApp.start(IngestConfig.from(new Settings(settings), Map.of()), topics)) {
        URI api = URI.create("http://127.0.0.1:" + ingest.port() + "/v1/articles");
        PostingClients clients = PostingClients.start(api, TOKEN, 4, BrokerRestartPipelineIT::article);
        int beforeStop = clients.throughABrokerRestart(kafka);
        Set<String> acknowledged = clients.acknowledged();

        // What scoring must have counted: the articles on the topic, 202 or not, per event.
        Map<String, String> onTopic = new TreeMap<>();
        for (ArticleEvent a : TopicReader.values(kafka.bootstrapServers(), topics.articles())) {
          int n = Integer.parseInt(a.getUrl().substring(a.getUrl().lastIndexOf('/') + 1));
          onTopic.put(a.getArticleId(), sentence(n));
        }
        Map<String, Integer> expected = new TreeMap<>();
        onTopic.values().forEach(event -> expected.merge(event, 1, Integer::sum));

        Map<String, Integer> counted = awaitCorroboration(kafka.bootstrapServers(), topics, expected, Duration.ofMinutes(3));
        assertThat(beforeStop).as("load before the stop").isGreaterThan(0);
        assertThat(acknowledged.size()).as("acknowledged after the restart too").isGreaterThan(beforeStop);
        assertThat(onTopic.keySet()).as("every article answered 202 is on the topic").containsAll(acknowledged);
        assertThat(counted).as("each event counted once per article that reported it").isEqualTo(expected);
        System.out.println("PIPELINE-BROKER-RESTART-IT: " + clients.sent() + " requests, " + acknowledged.size() + " answered 202, "
            + clients.unavailable() + " answered 503 while the broker was away; " + onTopic.size() + " articles on the topic, "
            + expected.size() + " events, corroboration summed " + counted.values().stream().mapToInt(Integer::intValue).sum()
            + " = the articles, per event");
      }
    }
  }

  /** Each event's highest corroboration on relmon.events.v1, by its evidence sentence, once it equals {@code expected}. */
  private static Map<String, Integer> awaitCorroboration(String bootstrap, Topics topics, Map<String, Integer> expected,
      Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Integer> counted = Map.of();
    while (System.nanoTime() < deadline) {
      counted = new TreeMap<>();
      for (DedupedEvent e : TopicReader.values(bootstrap, topics.events())) {
        counted.merge(e.getEvent().getEvidence(), e.getCorroboration(), Math::max);
      }
      if (counted.equals(expected)) {
        return counted;
      }
      Thread.sleep(1_000);
    }
    return counted;
  }
}
