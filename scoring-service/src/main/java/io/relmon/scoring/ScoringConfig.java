package io.relmon.scoring;

import io.relmon.scoring.warmth.WarmthParameters;
import io.relmon.service.KafkaSettings;
import io.relmon.service.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Configuration of the scoring service. Keys and defaults:
 *
 * <ul>
 *   <li>{@code relmon.kafka.bootstrap} ({@code localhost:9092})
 *   <li>{@code relmon.scoring.application.id} ({@code relmon-scoring}) — Streams application id,
 *       prefix of its consumer group and internal topics
 *   <li>{@code relmon.scoring.state.dir} ({@code /tmp/relmon-scoring}) — RocksDB state
 *   <li>{@code relmon.scoring.host} ({@code 0.0.0.0}), {@code relmon.scoring.port} ({@code 8082})
 *   <li>{@code relmon.scoring.half.life.days} ({@code 30}), {@code relmon.scoring.scale} ({@code 25}),
 *       {@code relmon.scoring.max.drivers} ({@code 5}), {@code relmon.scoring.retention.days} ({@code 90})
 *   <li>{@code relmon.scoring.commit.interval.ms} ({@code 100}) — transaction commit interval
 *   <li>{@code relmon.scoring.replication.factor} ({@code -1}: the broker's default) — internal topics
 * </ul>
 */
public record ScoringConfig(
    String bootstrapServers, String applicationId, Path stateDir, String host, int port,
    WarmthParameters warmth, int commitIntervalMs, int replicationFactor, Map<String, Object> kafkaClient) {

  public static ScoringConfig from(Settings s, Map<String, String> environment) {
    String bootstrap = s.string("relmon.kafka.bootstrap", "localhost:9092");
    double halfLife = s.decimal("relmon.scoring.half.life.days", 30, 0.01, 3650);
    double scale = s.decimal("relmon.scoring.scale", 25, 0.01, 1e6);
    int drivers = s.integer("relmon.scoring.max.drivers", 5, 1, 100);
    int retention = s.integer("relmon.scoring.retention.days", 90, 30, 3650);
    ScoringConfig config = new ScoringConfig(
        bootstrap,
        s.string("relmon.scoring.application.id", "relmon-scoring"),
        s.path("relmon.scoring.state.dir", Path.of(System.getProperty("java.io.tmpdir"), "relmon-scoring")),
        s.string("relmon.scoring.host", "0.0.0.0"),
        s.integer("relmon.scoring.port", 8082, 0, 65535),
        new WarmthParameters(Duration.ofMillis((long) (halfLife * 86_400_000L)), scale, drivers, Duration.ofDays(retention)),
        s.integer("relmon.scoring.commit.interval.ms", 100, 10, 600_000),
        s.integer("relmon.scoring.replication.factor", -1, -1, 10),
        KafkaSettings.clientProperties(bootstrap, s, environment));
    s.validate();
    return config;
  }
}
