package io.relmon.service;

import io.relmon.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a whole topic as it stands (read_committed, from the beginning to the end offsets taken
 * at the start), without a consumer group: what downstream consumers would see. For summaries,
 * tools and tests; not for streaming.
 */
public final class TopicReader {
  private TopicReader() {}

  /** Every record, in event-time order across partitions. */
  public static <V> List<ConsumerRecord<String, V>> readAll(String bootstrapServers, Topic<String, V> topic) {
    List<ConsumerRecord<String, V>> records = new ArrayList<>();
    forEach(bootstrapServers, topic, records::add);
    records.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
    return records;
  }

  /** Hands every record to {@code each} as it is read (partition by partition order; nothing kept). */
  public static <V> void forEach(String bootstrapServers, Topic<String, V> topic, java.util.function.Consumer<ConsumerRecord<String, V>> each) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(each);
      }
    }
  }

  /** Every non-null value, in event-time order. */
  public static <V> List<V> values(String bootstrapServers, Topic<String, V> topic) {
    return readAll(bootstrapServers, topic).stream().map(ConsumerRecord::value).filter(v -> v != null).toList();
  }
}
