package io.relmon.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

  private static Properties settings(Map<String, Object> kafkaClient) {
    return StreamsSettings.of("app", "test", kafkaClient, Path.of("state"), 100, 1, "dlq", new SimpleMeterRegistry());
  }

  private static Map<String, Object> mainConsumer(Properties props) {
    return new StreamsConfig(props).getMainConsumerConfigs("group", "client", 0);
  }

  private static Map<String, Object> restoreConsumer(Properties props) {
    return new StreamsConfig(props).getRestoreConsumerConfigs("client");
  }

  @Test
  void shouldLetTheMainConsumerWaitLongerForRecordsAndNotTheRestoreConsumer() {
    Properties props = settings(Map.of("bootstrap.servers", "localhost:9092"));

    assertThat(mainConsumer(props)).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, StreamsSettings.MAIN_CONSUMER_FETCH_WAIT_MS);
    assertThat(restoreConsumer(props)).doesNotContainKey(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);
  }

  @Test
  void shouldKeepTheFetchWaitAnOperatorSet() {
    Properties plain = settings(Map.of("bootstrap.servers", "localhost:9092", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "300"));
    Properties prefixed = settings(Map.of("bootstrap.servers", "localhost:9092",
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), "700"));

    assertThat(mainConsumer(plain)).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "300");
    assertThat(mainConsumer(prefixed)).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "700");
  }

  private static Map<String, Object> producer(Properties props) {
    return new StreamsConfig(props).getProducerConfigs("client");
  }

  @Test
  void shouldLetTheProducerBuildLargerBatches() {
    Properties props = settings(Map.of("bootstrap.servers", "localhost:9092"));

    assertThat(producer(props)).containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, StreamsSettings.PRODUCER_BATCH_BYTES);
    assertThat(StreamsSettings.PRODUCER_BATCH_BYTES).isGreaterThan(16 * 1024);
  }

  @Test
  void shouldKeepTheBatchSizeAnOperatorSet() {
    Properties plain = settings(Map.of("bootstrap.servers", "localhost:9092", ProducerConfig.BATCH_SIZE_CONFIG, "32768"));
    Properties prefixed = settings(Map.of("bootstrap.servers", "localhost:9092",
        StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), "65536"));

    assertThat(producer(plain)).containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, "32768");
    assertThat(producer(prefixed)).containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
  }
}
