package io.relmon.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.yammer.metrics.core.Meter;
import com.yammer.metrics.core.MetricsRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaClusterIT {

  @Test
  void shouldProduceAndConsumeOnASingleNode() throws Exception {
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.startSingleNode()) {
      kafka.createTopics(List.of(new NewTopic("t", 2, kafka.replicationFactor())));
      produce(kafka, "t", 10);
      assertThat(consume(kafka, "t", 10)).hasSize(10);
    }
  }

  @Test
  void shouldTickTheBrokersMetersFromOneScheduledTask() throws Exception {
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.startSingleNode()) {
      kafka.createTopics(List.of(new NewTopic("ticked", 1, kafka.replicationFactor())));
      produce(kafka, "ticked", 10);

      MetricsRegistry registry = KafkaYammerMetrics.defaultRegistry();
      var pool = registry.newScheduledThreadPool(2, CoalescedTickScheduler.METER_TICK_POOL);
      assertThat(pool).isInstanceOf(CoalescedTickScheduler.class);
      assertThat(((CoalescedTickScheduler) pool).ticksScheduled()).isGreaterThan(20);
      assertThat(CoalescedTickSchedulerTest.queuedOnceBackFrom((CoalescedTickScheduler) pool)).isEqualTo(1);

      Meter messagesIn = (Meter) registry.allMetrics().entrySet().stream()
          .filter(e -> e.getKey().getType().equals("BrokerTopicMetrics")
              && e.getKey().getName().equals("MessagesInPerSec") && !e.getKey().hasScope())
          .findFirst().orElseThrow().getValue();
      // Yammer's rates move only when their meter ticks (every 5 s).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (messagesIn.oneMinuteRate() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(messagesIn.oneMinuteRate()).isPositive();
    }
  }

  @Test
  void shouldKeepDataWhenARestartedClusterReusesItsDirectory(@TempDir Path dir) throws Exception {
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir, 1, 0)) {
      kafka.createTopics(List.of(new NewTopic("kept", 1, (short) 1)));
      produce(kafka, "kept", 3);
    }
    try (EmbeddedKafkaCluster again = EmbeddedKafkaCluster.start(dir, 1, 0)) {
      assertThat(consume(again, "kept", 3)).hasSize(3);
    }
  }

  @Test
  void shouldSurviveTheLossOfOneNodeOfThree(@TempDir Path dir) throws Exception {
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir, 3, 0)) {
      assertThat(kafka.replicationFactor()).isEqualTo((short) 3);
      kafka.createTopics(List.of(new NewTopic("replicated", 3, kafka.replicationFactor())));
      produce(kafka, "replicated", 5);

      kafka.stopNode(1);
      produce(kafka, "replicated", 5);
      assertThat(consume(kafka, "replicated", 10)).hasSize(10);
      kafka.startNode(1);
      kafka.awaitReady(Duration.ofSeconds(30));
      try (var admin = kafka.admin()) {
        assertThat(admin.describeCluster().nodes().get()).hasSize(3);
      }
    }
  }

  @Test
  void shouldRefuseATakenPortWithAClearError(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> EmbeddedKafkaCluster.start(dir, 1, taken.getLocalPort()))
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining(Integer.toString(taken.getLocalPort()));
    }
  }

  private static void produce(EmbeddedKafkaCluster kafka, String topic, int count) throws Exception {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
      }
    }
  }

  private static List<ConsumerRecord<String, String>> consume(EmbeddedKafkaCluster kafka, String topic, int expected) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(Set.of(topic));
      long deadline = System.currentTimeMillis() + 30_000;
      while (records.size() < expected && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
