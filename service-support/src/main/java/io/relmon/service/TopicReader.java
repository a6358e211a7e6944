package io.relmon.service;

import io.relmon.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a whole topic as it stands (read_committed, from the beginning to the end offsets taken
 * at the start), without a consumer group: what downstream consumers would see; or, undecoded,
 * every record written ({@link #forEachWritten}). For summaries, tools and tests; not for streaming.
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
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(readCommitted(bootstrapServers),
        topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      readToEnd(consumer, List.of(topic.name()), each, null);
    }
  }

  private static Map<String, Object> readCommitted(String bootstrapServers) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    return props;
  }

  /**
   * Reads the whole topic {@code passes} times with one consumer, seeking back to the beginning
   * before each pass, and returns each pass's nanoseconds: the first includes connecting and the
   * first metadata, the later ones only the reading. For a consumer's ceiling rate (the bench).
   */
  public static <V> long[] timedPasses(String bootstrapServers, Topic<String, V> topic, int passes,
      java.util.function.Consumer<ConsumerRecord<String, V>> each) {
    long[] nanos = new long[passes];
    long start = System.nanoTime();
    Map<String, Object> props = readCommitted(bootstrapServers);
    // At a pass's end the consumer has already sent its next fetch; with Kafka's 500-ms wait the
    // broker would hold it, and the next pass's first fetch (sent only once it returns) with it.
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 0);
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props,
        topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      for (int pass = 0; pass < passes; pass++) {
        readToEnd(consumer, List.of(topic.name()), each, null);
        long now = System.nanoTime();
        nanos[pass] = now - start;
        start = now;
      }
    }
    return nanos;
  }

  /**
   * Hands every record of {@code topics} to {@code each}, undecoded, as written: read_uncommitted,
   * so transaction markers are left out and the records of aborted transactions are not (what the
   * bench counts as data records). Throws if reading takes longer than {@code limit}.
   */
  public static void forEachWritten(String bootstrapServers, Collection<String> topics, Duration limit,
      java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    ByteArrayDeserializer bytes = new ByteArrayDeserializer();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, bytes, bytes)) {
      readToEnd(consumer, topics, each, limit);
    }
  }

  /** From the beginning of every partition of {@code topics} to the end offsets taken at the start; within {@code limit} when one is given. */
  private static <K, V> void readToEnd(KafkaConsumer<K, V> consumer, Collection<String> topics,
      java.util.function.Consumer<ConsumerRecord<K, V>> each, Duration limit) {
    List<TopicPartition> partitions = new ArrayList<>();
    topics.forEach(topic -> consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition()))));
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
    while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("reading " + topics + " to its end took more than " + limit);
      }
      consumer.poll(Duration.ofMillis(200)).forEach(each);
    }
  }

  /** Every non-null value, in event-time order. */
  public static <V> List<V> values(String bootstrapServers, Topic<String, V> topic) {
    return readAll(bootstrapServers, topic).stream().map(ConsumerRecord::value).filter(v -> v != null).toList();
  }
}
