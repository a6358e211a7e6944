package io.relmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.service.Settings;
import io.relmon.service.TopicReader;
import io.relmon.service.TopicSetup;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away and comes back while clients keep posting: every article answered 202 is
 * on the topic afterwards. Articles answered 503 may or may not be (the client retries; a retry
 * is safe).
 */
class IngestBrokerRestartIT {

  private static final String TOKEN = "restart-test-token-0123456789ab";

  @TempDir
  Path dir;

  @Test
  void shouldHaveEveryAcknowledgedArticleOnTheTopicAfterABrokerRestart() throws Exception {
    Topics topics = Topics.defaults();
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0)) {
      try (var admin = kafka.admin()) {
        TopicSetup.ensure(admin, topics, (short) 1);
      }
      Map<String, String> settings = Map.of("relmon.kafka.bootstrap", kafka.bootstrapServers(), "relmon.ingest.host", "127.0.0.1",
          "relmon.ingest.port", "0", "relmon.ingest.token", TOKEN, "relmon.ingest.publish.timeout.ms", "2000");
      try (IngestApp ingest = IngestApp.start(IngestConfig.from(new Settings(settings), Map.of()), topics)) {
        URI api = URI.create("http://127.0.0.1:" + ingest.port() + "/v1/articles");
        PostingClients clients = PostingClients.start(api, TOKEN, 4,
            n -> IngestFuzzIT.article(n, "On Jan. 9, Seoul protested to Pyongyang."));
        int beforeStop = clients.throughABrokerRestart(kafka);
        Set<String> acknowledged = clients.acknowledged();

        Set<String> onTopic = TopicReader.values(kafka.bootstrapServers(), topics.articles()).stream()
            .map(ArticleEvent::getArticleId).collect(Collectors.toSet());
        assertThat(beforeStop).as("load before the stop").isGreaterThan(0);
        assertThat(acknowledged.size()).as("acknowledged after the restart too").isGreaterThan(beforeStop);
        assertThat(onTopic).containsAll(acknowledged);
        System.out.println("INGEST-BROKER-RESTART-IT: " + clients.sent() + " requests, " + acknowledged.size() + " answered 202 (all on the topic), "
            + clients.unavailable() + " answered 503 while the broker was away; " + onTopic.size() + " articles on the topic");
      }
    }
  }
}
