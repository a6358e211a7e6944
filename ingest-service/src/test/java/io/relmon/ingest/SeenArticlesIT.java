package io.relmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.schemas.Topics;
import io.relmon.service.TopicSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ids ingest learns from the articles topic: those already there at start (the catching-up
 * consumer), then those another instance publishes while it runs (the following consumer, whose
 * fetches wait for 64 KB or 5 s).
 */
class SeenArticlesIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  @Test
  void shouldKnowTheIdsOnTheTopicAtStartAndThoseAnotherInstancePublishesLater() throws Exception {
    Topics topics = Topics.defaults();
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0)) {
      try (var admin = kafka.admin()) {
        TopicSetup.ensure(admin, topics, (short) 1);
      }
      Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
      try (KafkaProducer<String, byte[]> otherInstance = new KafkaProducer<>(client, new StringSerializer(), new ByteArraySerializer())) {
        for (int i = 0; i < 20; i++) {
          otherInstance.send(new ProducerRecord<>(topics.articles().name(), "before-" + i, new byte[] {1})).get();
        }

        try (SeenArticles seen = SeenArticles.following(topics.articles(), client, 1_000)) {
          await(seen::caughtUp, "caught up");
          for (int i = 0; i < 20; i++) {
            assertThat(seen.contains("before-" + i)).as("before-" + i).isTrue();
          }
          assertThat(seen.contains("later")).isFalse();
          assertThat(seen.claim("mine")).isTrue();
          assertThat(seen.claim("mine")).as("claimed twice").isFalse();

          // Less than the 64 KB a following fetch waits for: it arrives when the wait ends.
          otherInstance.send(new ProducerRecord<>(topics.articles().name(), "later", new byte[] {1})).get();
          await(() -> seen.contains("later"), "the id published after the catch-up");
        }
      }
    }
  }

  @Test
  void shouldCatchUpOnAnEmptyTopic() throws Exception {
    Topics topics = Topics.defaults();
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0)) {
      try (var admin = kafka.admin()) {
        TopicSetup.ensure(admin, topics, (short) 1);
      }
      try (SeenArticles seen = SeenArticles.following(topics.articles(), Map.of("bootstrap.servers", kafka.bootstrapServers()), 1_000)) {
        await(seen::caughtUp, "caught up");
        assertThat(seen.size()).isZero();
      }
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("%s within %s", what, PATIENCE).isNegative();
      Thread.sleep(50);
    }
  }
}
