package io.relmon.service;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Streams settings every relmon Streams application runs with: exactly_once_v2, every
 * internal resource named explicitly, undecodable records dead-lettered (with their context)
 * instead of stopping the application or vanishing, and RocksDB within one memory budget
 * ({@link BoundedRocksDbMemory}), and a record a processor throws on dead-lettered
 * ({@link DeadLetterProcessingHandler}) instead of failing the task for good.
 */
public final class StreamsSettings {
  /** How long the main consumer's fetch waits at the broker for records. */
  public static final int MAIN_CONSUMER_FETCH_WAIT_MS = 2000;
  /** Largest batch the Streams producer builds per partition, in bytes (Kafka's default is 16 KB). */
  public static final int PRODUCER_BATCH_BYTES = 256 * 1024;

  private StreamsSettings() {}

  public static Properties of(String applicationId, String service, Map<String, Object> kafkaClient, Path stateDir,
      int commitIntervalMs, int replicationFactor, String deadLetterTopic, MeterRegistry meters) {
    Properties props = new Properties();
    props.putAll(kafkaClient);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    // Also to the main consumer: Streams 4.4's partition assignor builds its own StreamsConfig from
    // the consumer's configs, which leave this key out, and warns at every start that the handler
    // is not enabled for the global thread. (The consumer itself ignores the key.)
    props.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
    // A task processes what it has buffered without first fetching its other input partitions'
    // data (-1 rather than Kafka's 0). relmon's processors do not depend on the order of records
    // across a task's partitions: warmth sums exact decays whatever the order
    // (ScoringTopologyTest.shouldGiveTheSameFinalWarmthWhateverTheOrderOfEvents), the time join keeps
    // both sides for the late-report grace of days. And Kafka's 0 is costly: on every
    // loop turn, for every task with an empty input partition, Streams 4.4 formats the reason it
    // waits (String.format per partition: 40% of an idle stream thread's Java samples, and again
    // per record a dyad task processes; about +10% events/s in the bench, docs/benchmarks.md).
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    // The main consumer's fetches wait up to 2 s at the broker for records, not Kafka's 500 ms: at
    // rest every wait that ends empty is a request the broker answers and a response the stream
    // thread handles, four a second per application (docs/benchmarks.md, "eighth session"). No
    // hop waits longer for it: a waiting fetch ends as soon as a transaction commits records to
    // one of its partitions (TransactionalFetchWaitIT). What can wait up to 2 s is a partition
    // resumed while the consumer's earlier fetch still waits — a task that has restored its
    // state, at start and after a rebalance: `./relmon local --once` 16.8 → 18.4 s. Not the
    // restore consumer, which reads changelogs to their ends. An operator's setting wins.
    String fetchWait = org.apache.kafka.clients.consumer.ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG;
    putUnlessSet(props, kafkaClient, fetchWait, StreamsConfig.mainConsumerPrefix(fetchWait), MAIN_CONSUMER_FETCH_WAIT_MS);
    // The producer's batches hold up to 256 KB per partition, not Kafka's 16 KB: an identity
    // changelog record is 1–2 KB, so a 16-KB batch filled every ten records, and at a commit the
    // stream thread waited for hundreds of small produce requests, five in flight at a time, each
    // verified and appended by the broker on its own. Scoring's throughput phase: 7,700–8,100 →
    // 12,100–12,400 events/s (docs/benchmarks.md, "ninth session"). Nothing waits longer: a batch
    // is sent when it fills, after linger.ms (Streams' 100 ms) or at the commit, whichever is first;
    // a batch is allocated at this size only while its partition is being written (the producer's
    // 32-MB buffer pool holds them). An operator's setting, plain or `producer.`-prefixed, wins.
    String batchSize = org.apache.kafka.clients.producer.ProducerConfig.BATCH_SIZE_CONFIG;
    putUnlessSet(props, kafkaClient, batchSize, StreamsConfig.producerPrefix(batchSize), PRODUCER_BATCH_BYTES);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
    props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
    props.putIfAbsent(BoundedRocksDbMemory.MEMORY_MB, BoundedRocksDbMemory.DEFAULT_MEMORY_MB);
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
    props.put(DeadLetterDeserializationHandler.DLQ_TOPIC, deadLetterTopic);
    props.put(DeadLetterDeserializationHandler.SERVICE, service);
    props.put(DeadLetterDeserializationHandler.METER_REGISTRY, meters);
    // At zero from the start: the "DLQ receiving" alert rule and panel see the series at once.
    meters.counter("relmon.dead.letters", "topic", deadLetterTopic);
    return props;
  }

  /**
   * Puts relmon's {@code value} under the client-prefixed key, unless the operator set the
   * setting already, plain ({@code key}, for every client) or under that prefix.
   */
  private static void putUnlessSet(Properties props, Map<String, Object> kafkaClient, String key, String prefixedKey, Object value) {
    if (!kafkaClient.containsKey(key) && !kafkaClient.containsKey(prefixedKey)) {
      props.put(prefixedKey, value);
    }
  }
}
