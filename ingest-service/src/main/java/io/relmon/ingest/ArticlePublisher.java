package io.relmon.ingest;

import io.relmon.schemas.Topic;
import io.relmon.schemas.avro.ArticleEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes article events to {@code relmon.articles.v1}, keyed by article id, timestamped with
 * the publication time (event time). acks=all with idempotence: an acknowledged article is on
 * every in-sync replica.
 */
public final class ArticlePublisher implements AutoCloseable {

  private final Topic<String, ArticleEvent> topic;
  private final KafkaProducer<String, ArticleEvent> producer;

  public ArticlePublisher(Topic<String, ArticleEvent> topic, Map<String, Object> clientProperties) {
    this.topic = topic;
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "relmon-ingest");
    // Bounded so that a request never hangs on a broker that is away: the API answers 503.
    props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    this.producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  /** Sends one article event; the future completes when Kafka acknowledged it. */
  public CompletableFuture<RecordMetadata> publish(ArticleEvent event) {
    CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
    try {
      ProducerRecord<String, ArticleEvent> record =
          new ProducerRecord<>(topic.name(), null, event.getPublished().toEpochMilli(), event.getArticleId(), event);
      // Travels with the data to the notifier: the end-to-end latency histogram starts here.
      record.headers().add(io.relmon.service.PipelineHeaders.ACCEPTED_AT,
          io.relmon.service.PipelineHeaders.encode(event.getReceivedAt().toEpochMilli()));
      producer.send(
          record,
          (metadata, error) -> {
            if (error != null) {
              acked.completeExceptionally(error);
            } else {
              acked.complete(metadata);
            }
          });
    } catch (RuntimeException e) {
      acked.completeExceptionally(e);
    }
    return acked;
  }

  /** True once the producer has fetched the topic's metadata from the cluster. */
  public boolean connected() {
    try {
      return !producer.partitionsFor(topic.name()).isEmpty();
    } catch (RuntimeException e) {
      return false;
    }
  }

  KafkaProducer<String, ArticleEvent> producer() {
    return producer;
  }

  @Override
  public void close() {
    producer.close();
  }
}
