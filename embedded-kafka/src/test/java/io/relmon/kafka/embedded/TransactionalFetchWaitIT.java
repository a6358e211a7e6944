package io.relmon.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * What the notifier's long fetch wait relies on (docs/architecture.md): a read_committed fetch
 * waiting at the broker ends when a transaction on its partition commits, not when its wait runs
 * out. The wait here is 30 s; each committed record must be seen well before that.
 */
class TransactionalFetchWaitIT {

  private static final Duration FETCH_WAIT = Duration.ofSeconds(30);

  @Test
  void aWaitingReadCommittedFetchEndsWhenATransactionCommits() throws Exception {
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.startSingleNode()) {
      kafka.createTopics(List.of(new NewTopic("committed", 1, kafka.replicationFactor())));
      Map<String, Object> producerProps = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
          ProducerConfig.TRANSACTIONAL_ID_CONFIG, "fetch-wait");
      Map<String, Object> consumerProps = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
          ConsumerConfig.GROUP_ID_CONFIG, "fetch-wait", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
          ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
          ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) FETCH_WAIT.toMillis());
      try (var producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());
           var consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
        producer.initTransactions();
        consumer.subscribe(List.of("committed"));
        // Joined, assigned, and a fetch waiting at the broker for the empty partition.
        long joined = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (consumer.assignment().isEmpty() && System.nanoTime() < joined) {
          consumer.poll(Duration.ofMillis(200));
        }
        assertThat(consumer.assignment()).isNotEmpty();
        for (int i = 0; i < 3; i++) {
          consumer.poll(Duration.ofMillis(500)); // the fetch is in flight, waiting
          producer.beginTransaction();
          producer.send(new ProducerRecord<>("committed", "k", "v" + i)).get();
          producer.commitTransaction();
          long committed = System.nanoTime();
          int seen = 0;
          while (seen == 0 && System.nanoTime() - committed < FETCH_WAIT.toNanos()) {
            seen = consumer.poll(Duration.ofMillis(200)).count();
          }
          Duration after = Duration.ofNanos(System.nanoTime() - committed);
          assertThat(seen).as("record %d seen", i).isEqualTo(1);
          assertThat(after).as("record %d seen %s after its commit", i, after).isLessThan(FETCH_WAIT.dividedBy(2));
        }
        // Not the default close: it would wait out the fetch still waiting at the broker.
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
      }
    }
  }
}
