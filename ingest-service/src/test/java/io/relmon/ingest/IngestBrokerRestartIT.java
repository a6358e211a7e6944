package io.relmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.service.Json;
import io.relmon.service.Settings;
import io.relmon.service.TopicReader;
import io.relmon.service.TopicSetup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread[] clients = new Thread[4];
        for (int c = 0; c < clients.length; c++) {
          int client = c;
          clients[c] = new Thread(() -> {
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; running.get(); i++) {
              String body = IngestFuzzIT.article(client * 1_000_000 + i, "On Jan. 9, Seoul protested to Pyongyang.");
              try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
                sent.incrementAndGet();
                if (response.statusCode() == 202) {
                  acknowledged.add(Json.MAPPER.readTree(response.body()).get("accepted").get(0).get("id").asText());
                } else if (response.statusCode() == 503) {
                  unavailable.incrementAndGet();
                } else {
                  throw new AssertionError("unexpected " + response.statusCode() + ": " + response.body());
                }
              } catch (InterruptedException e) {
                return;
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            }
          }, "client-" + c);
          clients[c].start();
        }
        Thread.sleep(3_000);
        int beforeStop = acknowledged.size();
        kafka.stopNode(0);
        Thread.sleep(5_000);
        kafka.startNode(0);
        Thread.sleep(10_000);
        running.set(false);
        for (Thread client : clients) {
          client.join(60_000);
        }

        Set<String> onTopic = TopicReader.values(kafka.bootstrapServers(), topics.articles()).stream()
            .map(ArticleEvent::getArticleId).collect(Collectors.toSet());
        assertThat(beforeStop).as("load before the stop").isGreaterThan(0);
        assertThat(acknowledged.size()).as("acknowledged after the restart too").isGreaterThan(beforeStop);
        assertThat(onTopic).containsAll(acknowledged);
        System.out.println("INGEST-BROKER-RESTART-IT: " + sent.get() + " requests, " + acknowledged.size() + " answered 202 (all on the topic), "
            + unavailable.get() + " answered 503 while the broker was away; " + onTopic.size() + " articles on the topic");
      }
    }
  }
}
