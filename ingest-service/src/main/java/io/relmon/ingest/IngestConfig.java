package io.relmon.ingest;

import io.relmon.service.Settings;
import java.time.Duration;
import java.util.Map;

/**
 * Configuration of the ingest service. Keys and defaults:
 *
 * <ul>
 *   <li>{@code relmon.kafka.bootstrap} ({@code localhost:9092}) — Kafka bootstrap servers
 *   <li>{@code relmon.ingest.host} ({@code 0.0.0.0}) and {@code relmon.ingest.port} ({@code 8081})
 *   <li>{@code relmon.ingest.publish.timeout.ms} ({@code 5000}) — how long a request waits for
 *       Kafka's acknowledgement before it is answered 503 with Retry-After
 *   <li>{@code relmon.ingest.max.request.bytes} ({@code 1048576}) — larger requests get 413
 * </ul>
 *
 * Environment variables override keys ({@code RELMON_INGEST_PORT}); {@code KAFKA_*} variables pass
 * straight to the Kafka producer.
 */
public record IngestConfig(
    String bootstrapServers, String host, int port, Duration publishTimeout, int maxRequestBytes,
    Map<String, Object> kafkaClient) {

  public static IngestConfig from(Settings settings, Map<String, String> environment) {
    String bootstrap = settings.string("relmon.kafka.bootstrap", "localhost:9092");
    IngestConfig config = new IngestConfig(
        bootstrap,
        settings.string("relmon.ingest.host", "0.0.0.0"),
        settings.integer("relmon.ingest.port", 8081, 0, 65535),
        Duration.ofMillis(settings.integer("relmon.ingest.publish.timeout.ms", 5000, 100, 600_000)),
        settings.integer("relmon.ingest.max.request.bytes", 1 << 20, 1024, 64 << 20),
        io.relmon.service.KafkaSettings.clientProperties(bootstrap, settings, environment));
    settings.validate();
    return config;
  }
}
