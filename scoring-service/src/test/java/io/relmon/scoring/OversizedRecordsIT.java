package io.relmon.scoring;

import static io.relmon.scoring.Fixtures.article;
import static io.relmon.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.DeadLetter;
import io.relmon.schemas.avro.EventType;
import io.relmon.service.DeadLetters;
import io.relmon.service.Dyad;
import io.relmon.service.Settings;
import io.relmon.service.TopicSetup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An article whose derived records are larger than Kafka accepts, written straight to the
 * articles topic (as any producer can), on a real broker under exactly_once_v2: before, its
 * first output failed the task (the producer refuses the record and the transaction is in error)
 * and the replacement thread failed again on it every ~45 s, for good. Now the topology refuses
 * it before writing, the processing exception handler dead-letters it with the reason, and the
 * articles after it score.
 */
class OversizedRecordsIT {

  private static final Topics TOPICS = Topics.defaults();

  @TempDir
  Path dir;

  @Test
  void shouldDeadLetterTheInputOfAnOversizedOutputAndScoreTheArticlesAfterIt() throws Exception {
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0);
         var admin = kafka.admin()) {
      TopicSetup.ensure(admin, TOPICS, (short) 1);
      try (ScoringApp scoring = ScoringApp.start(ScoringConfig.from(new Settings(Map.of(
          "relmon.kafka.bootstrap", kafka.bootstrapServers(),
          "relmon.scoring.port", "0",
          "relmon.scoring.state.dir", dir.resolve("state").toString(),
          "relmon.scoring.advance.interval.minutes", "0")), Map.of()), TOPICS)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> scoring.streams().state() == KafkaStreams.State.RUNNING);

        // A 600-KB article id fits the topic's 1-MB limit; each sighting repeats it (first seen and
        // sources), so its de-duplicated event is 1.2 MB. The valid articles come after it.
        String hugeId = "x".repeat(600_000);
        ArticleEvent poisoned = article("p", "2026-02-01T00:00:00Z",
            event(EventType.MISSILE_TEST, "PRK", List.of("JPN"), "2026-02-01", -5));
        poisoned.setArticleId(hugeId);
        ArticleEvent valid = article("v", "2026-02-02T00:00:00Z",
            event(EventType.STATEMENT_FRIENDLY, "VNM", List.of("LAO"), "2026-02-02", 3));
        try (KafkaProducer<String, ArticleEvent> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 << 20),
            TOPICS.articles().keySerde().serializer(), TOPICS.articles().valueSerde().serializer())) {
          producer.send(new ProducerRecord<>(TOPICS.articles().name(), "p", poisoned)).get();
          producer.send(new ProducerRecord<>(TOPICS.articles().name(), "v", valid)).get();
        }

        HttpClient http = HttpClient.newHttpClient();
        String warmth = "http://127.0.0.1:" + scoring.port() + "/v1/warmth/" + Dyad.key("VNM", "LAO");
        await().atMost(Duration.ofSeconds(90)).until(() ->
            http.send(HttpRequest.newBuilder(URI.create(warmth)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        assertThat(scoring.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);

        List<DeadLetter> letters = new CopyOnWriteArrayList<>();
        List<String> reasons = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "oversized-it",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
          consumer.subscribe(List.of(TOPICS.scoringDlq().name()));
          await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(500)).forEach(r -> {
              letters.add(TOPICS.scoringDlq().valueSerde().deserializer().deserialize(r.topic(), r.value()));
              reasons.add(new String(r.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8));
            });
            return !letters.isEmpty();
          });
        }
        assertThat(reasons.get(0)).contains("article id 600000 characters");
        assertThat(letters.get(0).getSourceTopic()).isEqualTo(TOPICS.articles().name());
        assertThat(letters.get(0).getOriginalKey()).isNotNull();
      }
    }
  }
}
