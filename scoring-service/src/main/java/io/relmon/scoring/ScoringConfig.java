package io.relmon.scoring;

import io.relmon.scoring.signals.SignalParameters;
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
 *   <li>{@code relmon.scoring.publish.interval.ms} ({@code 100}) — how often each changed dyad's
 *       warmth is published, once with its latest score (0: every change at once)
 *   <li>{@code relmon.scoring.replication.factor} ({@code -1}: the broker's default) — internal topics
 *   <li>{@code relmon.scoring.provocation.window.hours} ({@code 24}), {@code relmon.scoring.late.report.grace.days}
 *       ({@code 400}), {@code relmon.scoring.provocation.weight} ({@code -4}),
 *       {@code relmon.scoring.standing.adversaries} ({@code PRK:KOR,USA,JPN}; {@code ;} between states)
 *   <li>{@code relmon.scoring.prominence.threshold} ({@code 0.5}), {@code .min.history} ({@code 3}),
 *       {@code .weight} ({@code 3})
 *   <li>{@code relmon.scoring.pivot.threshold} ({@code 8}), {@code relmon.scoring.pivot.window.days} ({@code 30})
 *   <li>{@code relmon.scoring.advance.interval.minutes} ({@code 60}; 0 turns the wall-clock punctuator
 *       off), {@code relmon.scoring.quiet.age.hours} ({@code 24})
 *   <li>{@code relmon.scoring.watch.dyads} ({@code CHN-PRK,KOR-PRK,PRK-RUS,CHN-KOR,PRK-USA,JPN-PRK}) —
 *       dyads with a {@code relmon.warmth.value} gauge (at most 100)
 *   <li>{@code relmon.scoring.advertised.host} ({@code 127.0.0.1}) — host other instances reach this
 *       one's query API at ({@code application.server})
 * </ul>
 */
public record ScoringConfig(
    String bootstrapServers, String applicationId, Path stateDir, String host, int port,
    ScoringParameters parameters, int commitIntervalMs, int replicationFactor, String advertisedHost,
    java.util.Set<String> watchedDyads, Map<String, Object> kafkaClient) {

  /** Dyads with a warmth gauge when none are configured: the seed story's. */
  public static final String DEFAULT_WATCH = "CHN-PRK,KOR-PRK,PRK-RUS,CHN-KOR,PRK-USA,JPN-PRK";

  public static ScoringConfig from(Settings s, Map<String, String> environment) {
    String bootstrap = s.string("relmon.kafka.bootstrap", "localhost:9092");
    double halfLife = s.decimal("relmon.scoring.half.life.days", 30, 0.01, 3650);
    double scale = s.decimal("relmon.scoring.scale", 25, 0.01, 1e6);
    int drivers = s.integer("relmon.scoring.max.drivers", 5, 1, 100);
    int retention = s.integer("relmon.scoring.retention.days", 90, 30, 3650);
    double provocationWindowHours = s.decimal("relmon.scoring.provocation.window.hours", 24, 0, 24 * 30);
    int graceDays = s.integer("relmon.scoring.late.report.grace.days", 400, 0, 3650);
    Map<String, java.util.List<String>> adversaries = Map.of("PRK", java.util.List.of("KOR", "USA", "JPN"));
    try {
      adversaries = SignalParameters.parseAdversaries(s.string("relmon.scoring.standing.adversaries", "PRK:KOR,USA,JPN"));
    } catch (IllegalArgumentException e) {
      s.error("relmon.scoring.standing.adversaries: " + e.getMessage());
    }
    SignalParameters signals = new SignalParameters(
        Duration.ofMinutes((long) (provocationWindowHours * 60)),
        Duration.ofDays(graceDays),
        s.decimal("relmon.scoring.provocation.weight", -4, -10, 10),
        s.decimal("relmon.scoring.prominence.threshold", 0.5, 0.01, 10),
        s.integer("relmon.scoring.prominence.min.history", 3, 1, 1000),
        s.decimal("relmon.scoring.prominence.weight", 3, 0, 10),
        s.decimal("relmon.scoring.pivot.threshold", 8, 0.1, 200),
        Duration.ofDays(s.integer("relmon.scoring.pivot.window.days", 30, 1, 365)),
        adversaries);
    int advanceMinutes = s.integer("relmon.scoring.advance.interval.minutes", 60, 0, 10_080);
    int quietHours = s.integer("relmon.scoring.quiet.age.hours", 24, 1, 24 * 365);
    java.util.Set<String> watch = new java.util.TreeSet<>();
    for (String dyad : s.string("relmon.scoring.watch.dyads", DEFAULT_WATCH).split(",")) {
      String d = dyad.strip();
      if (d.isEmpty()) {
        continue;
      }
      if (io.relmon.service.Dyad.parse(d).isEmpty()) {
        s.error("relmon.scoring.watch.dyads: '" + d + "' is not a dyad key (two ISO3 codes in alphabetical order, e.g. CHN-PRK)");
      } else {
        watch.add(d);
      }
    }
    if (watch.size() > 100) {
      s.error("relmon.scoring.watch.dyads: at most 100 dyads (each is a time series)");
    }
    ScoringConfig config = new ScoringConfig(
        bootstrap,
        s.string("relmon.scoring.application.id", "relmon-scoring"),
        s.path("relmon.scoring.state.dir", Path.of(System.getProperty("java.io.tmpdir"), "relmon-scoring")),
        s.string("relmon.scoring.host", "0.0.0.0"),
        s.integer("relmon.scoring.port", 8082, 0, 65535),
        new ScoringParameters(
            new WarmthParameters(Duration.ofMillis((long) (halfLife * 86_400_000L)), scale, drivers, Duration.ofDays(retention)),
            signals, Duration.ofMinutes(advanceMinutes), Duration.ofHours(quietHours),
            Duration.ofMillis(s.integer("relmon.scoring.publish.interval.ms", 100, 0, 60_000))),
        s.integer("relmon.scoring.commit.interval.ms", 100, 10, 600_000),
        s.integer("relmon.scoring.replication.factor", -1, -1, 10),
        s.string("relmon.scoring.advertised.host", "127.0.0.1"),
        java.util.Set.copyOf(watch),
        KafkaSettings.clientProperties(bootstrap, s, environment));
    s.validate();
    return config;
  }
}
