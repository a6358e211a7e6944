package io.relmon.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.relmon.schemas.Topic;
import io.relmon.schemas.avro.DeadLetter;
import io.relmon.service.DeadLetters;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the asynchronous sources (feeds, the drop folder) put what they cannot use: the ingest
 * dead-letter topic, with the reason and the origin (feed and item, file and line) in the record
 * and its headers, and the input's bytes kept whole. Nobody is waiting for an answer there, so
 * this is how a rejection becomes visible.
 */
public final class IngestDeadLetters implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IngestDeadLetters.class);

  private final Topic<String, DeadLetter> topic;
  private final KafkaProducer<String, DeadLetter> producer;
  private final MeterRegistry meters;

  public IngestDeadLetters(Topic<String, DeadLetter> topic, Map<String, Object> clientProperties, MeterRegistry meters) {
    this.topic = topic;
    this.meters = meters;
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "relmon-ingest-dlq");
    props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    this.producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer());
    meters.counter("relmon.dead.letters", "topic", topic.name());
  }

  /**
   * Writes one dead letter and waits for the acknowledgement; true when Kafka has it. A caller
   * that gets false keeps the input (a file stays where it is, a feed item is tried again).
   */
  public boolean send(String reason, String origin, byte[] input) {
    try {
      producer.send(DeadLetters.fromInput(topic, "ingest", reason, origin, input)).get(30, TimeUnit.SECONDS);
      meters.counter("relmon.dead.letters", "topic", topic.name()).increment();
      log.info("dead letter from {}: {}", origin, reason);
      return true;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      log.warn("cannot write the dead letter of {} ({}): {}", origin, reason, e.toString());
      return false;
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
