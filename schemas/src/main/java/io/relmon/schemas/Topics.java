package io.relmon.schemas;

import io.relmon.schemas.avro.Alert;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.DeadLetter;
import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.DeliveryRecord;
import io.relmon.schemas.avro.Signal;
import io.relmon.schemas.avro.WarmthUpdate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The catalogue of relmon's topics (see docs/topics.md). Names default to the contract names of
 * BRIEF section 2 and may be overridden by configuration, e.g. to add an environment prefix;
 * topology code takes its topics from an instance of this record, never from literals.
 */
public record Topics(
    Topic<String, ArticleEvent> articles,
    Topic<String, DedupedEvent> events,
    Topic<String, Signal> signals,
    Topic<String, WarmthUpdate> warmth,
    Topic<String, Alert> alerts,
    Topic<String, DeliveryRecord> deliveries,
    Topic<String, Alert> digestQueue,
    Topic<String, DeadLetter> ingestDlq,
    Topic<String, DeadLetter> scoringDlq,
    Topic<String, DeadLetter> alertDlq) {

  static {
    AvroTrust.install();
  }

  /** Partitions of every relmon topic: enough for three Streams instances per service. */
  public static final int PARTITIONS = 3;

  /** The catalogue with the contract names. */
  public static Topics defaults() {
    Serde<String> key = Serdes.String();
    return new Topics(
        new Topic<>("relmon.articles.v1", key, AvroSerde.of(ArticleEvent.class), PARTITIONS, retention(Duration.ofDays(365))),
        new Topic<>("relmon.events.v1", key, AvroSerde.of(DedupedEvent.class), PARTITIONS, compacted()),
        new Topic<>("relmon.signals.v1", key, AvroSerde.of(Signal.class), PARTITIONS, retention(Duration.ofDays(365))),
        new Topic<>("relmon.warmth.v1", key, AvroSerde.of(WarmthUpdate.class), PARTITIONS, compacted()),
        new Topic<>("relmon.alerts.v1", key, AvroSerde.of(Alert.class), PARTITIONS, retention(Duration.ofDays(365))),
        new Topic<>("relmon.deliveries.v1", key, AvroSerde.of(DeliveryRecord.class), PARTITIONS, compacted()),
        // The notifier's own queue of alerts held for a daily digest, keyed channel/alertId;
        // a tombstone once the digest went. Not for downstream consumers.
        new Topic<>("relmon.digest-queue.v1", key, AvroSerde.of(Alert.class), PARTITIONS, compacted()),
        deadLetters("relmon.ingest.dlq.v1"),
        deadLetters("relmon.scoring.dlq.v1"),
        deadLetters("relmon.alert.dlq.v1"));
  }

  /** The same catalogue with every name passed through {@code rename}. */
  public Topics renamed(UnaryOperator<String> rename) {
    return new Topics(
        articles.renamed(rename.apply(articles.name())),
        events.renamed(rename.apply(events.name())),
        signals.renamed(rename.apply(signals.name())),
        warmth.renamed(rename.apply(warmth.name())),
        alerts.renamed(rename.apply(alerts.name())),
        deliveries.renamed(rename.apply(deliveries.name())),
        digestQueue.renamed(rename.apply(digestQueue.name())),
        ingestDlq.renamed(rename.apply(ingestDlq.name())),
        scoringDlq.renamed(rename.apply(scoringDlq.name())),
        alertDlq.renamed(rename.apply(alertDlq.name())));
  }

  /** Every topic, in flow order. */
  public List<Topic<String, ?>> all() {
    return List.of(articles, events, signals, warmth, alerts, deliveries, digestQueue, ingestDlq, scoringDlq, alertDlq);
  }

  private static Topic<String, DeadLetter> deadLetters(String name) {
    return new Topic<>(name, Serdes.String(), AvroSerde.of(DeadLetter.class), 1, retention(Duration.ofDays(30)));
  }

  private static Map<String, String> retention(Duration retention) {
    return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis()));
  }

  private static Map<String, String> compacted() {
    return Map.of("cleanup.policy", "compact");
  }
}
