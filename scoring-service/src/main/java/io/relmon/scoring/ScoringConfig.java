package io.relmon.scoring;

import io.relmon.scoring.signals.SignalParameters;
import io.relmon.scoring.warmth.WarmthParameters;
import io.relmon.service.KafkaSettings;
import io.relmon.service.Setting;
import io.relmon.service.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Configuration of the scoring service. Every key, with its type, default and description, is a
 * {@link Setting} constant below (listed in {@link #SETTINGS}; the README's table is held to them).
 */
public record ScoringConfig(
    String bootstrapServers, String applicationId, Path stateDir, String host, int port,
    ScoringParameters parameters, int commitIntervalMs, int replicationFactor, String advertisedHost,
    java.util.Set<String> watchedDyads, Map<String, Object> kafkaClient) {

  /** Dyads with a warmth gauge when none are configured: the seed story's. */
  public static final String DEFAULT_WATCH = "CHN-PRK,KOR-PRK,PRK-RUS,CHN-KOR,PRK-USA,JPN-PRK";

  public static final Setting<String> APPLICATION_ID = Setting.string("relmon.scoring.application.id", "relmon-scoring",
      "Streams application id: prefix of the consumer group and the internal topics");
  public static final Setting<Path> STATE_DIR = Setting.path("relmon.scoring.state.dir",
      Path.of(System.getProperty("java.io.tmpdir"), "relmon-scoring"), "RocksDB state (set it: the OS may clear a temporary folder)")
      .shownAs("`$TMPDIR/relmon-scoring`");
  public static final Setting<String> HOST = Setting.string("relmon.scoring.host", "0.0.0.0",
      "Address the query API, web view, /metrics and /health listen on");
  public static final Setting<Integer> PORT = Setting.integer("relmon.scoring.port", 8082, 0, 65535,
      "Port of the query API and web view (0: any free port)");
  public static final Setting<String> ADVERTISED_HOST = Setting.string("relmon.scoring.advertised.host", "127.0.0.1",
      "Host other instances reach this one's query API at (application.server)");
  public static final Setting<Double> HALF_LIFE_DAYS = Setting.decimal("relmon.scoring.half.life.days", 30, 0.01, 3650,
      "Half-life of an event's contribution to warmth (docs/warmth-score.md)");
  public static final Setting<Double> SCALE = Setting.decimal("relmon.scoring.scale", 25, 0.01, 1e6,
      "K of the warmth formula: a decayed sum of ±K shows as ±76 (docs/warmth-score.md)");
  public static final Setting<Integer> MAX_DRIVERS = Setting.integer("relmon.scoring.max.drivers", 5, 1, 100,
      "Events listed as what drives a dyad's warmth (the largest contributions)");
  public static final Setting<Integer> RETENTION_DAYS = Setting.integer("relmon.scoring.retention.days", 90, 30, 3650,
      "Events older than this leave a dyad's state; also the window of the drivers (at least the 30-day change)");
  public static final Setting<Integer> COMMIT_INTERVAL_MS = Setting.integer("relmon.scoring.commit.interval.ms", 100, 10, 600_000,
      "Transaction commit interval of exactly_once_v2");
  public static final Setting<Integer> PUBLISH_INTERVAL_MS = Setting.integer("relmon.scoring.publish.interval.ms", 100, 0, 60_000,
      "How often each changed dyad's warmth is published, once with its latest score (0: every change at once)");
  public static final Setting<Integer> REPLICATION_FACTOR = Setting.integer("relmon.scoring.replication.factor", -1, -1, 10,
      "Replication factor of the internal topics (-1: the broker's default)");
  public static final Setting<Double> PROVOCATION_WINDOW_HOURS = Setting.decimal("relmon.scoring.provocation.window.hours",
      24, 0, 24 * 30, "TIMED_PROVOCATION: a provocation within ± this many hours of a meeting between two other states");
  public static final Setting<Integer> LATE_REPORT_GRACE_DAYS = Setting.integer("relmon.scoring.late.report.grace.days",
      400, 0, 3650, "TIMED_PROVOCATION: how late a report may come and still be joined, in event time");
  public static final Setting<Double> PROVOCATION_WEIGHT = Setting.decimal("relmon.scoring.provocation.weight", -4, -10, 10,
      "TIMED_PROVOCATION: weight on each dyad of the provoker and the states that met");
  public static final Setting<String> STANDING_ADVERSARIES = Setting.string("relmon.scoring.standing.adversaries",
      "PRK:KOR,USA,JPN", "An untargeted negative event (a missile test) by the state before the colon counts on its dyads with the states after it (; between states)");
  public static final Setting<Double> PROMINENCE_THRESHOLD = Setting.decimal("relmon.scoring.prominence.threshold", 0.5, 0.01, 10,
      "PROMINENCE_SHIFT: how far (0.5: 50%) a mention's prominence must differ from the mean of its state's media");
  public static final Setting<Integer> PROMINENCE_MIN_HISTORY = Setting.integer("relmon.scoring.prominence.min.history", 3, 1, 1000,
      "PROMINENCE_SHIFT: mentions the mean must rest on first");
  public static final Setting<Double> PROMINENCE_WEIGHT = Setting.decimal("relmon.scoring.prominence.weight", 3, 0, 10,
      "PROMINENCE_SHIFT: weight of the signal (∓)");
  public static final Setting<Double> PIVOT_THRESHOLD = Setting.decimal("relmon.scoring.pivot.threshold", 8, 0.1, 200,
      "PIVOT: 30-day warmth change toward one state (and its opposite toward another) that makes a pivot");
  public static final Setting<Integer> PIVOT_WINDOW_DAYS = Setting.integer("relmon.scoring.pivot.window.days", 30, 1, 365,
      "PIVOT: the window, once per window per pivot");
  public static final Setting<Integer> ADVANCE_INTERVAL_MINUTES = Setting.integer("relmon.scoring.advance.interval.minutes",
      60, 0, 10_080, "How often quiet dyads are moved to now and published, drifting toward zero (0: off)");
  public static final Setting<Integer> QUIET_AGE_HOURS = Setting.integer("relmon.scoring.quiet.age.hours", 24, 1, 24 * 365,
      "A dyad quiet for longer than this is moved forward by the wall-clock punctuator");
  public static final Setting<String> WATCH_DYADS = Setting.string("relmon.scoring.watch.dyads", DEFAULT_WATCH,
      "Dyads with a relmon.warmth.value gauge (at most 100)");

  /** Every setting of the scoring service, the shared ones first (the README's table, in order). */
  public static final List<Setting<?>> SETTINGS = Stream.concat(Settings.COMMON.stream(), Stream.<Setting<?>>of(
      APPLICATION_ID, STATE_DIR, HOST, PORT, ADVERTISED_HOST, HALF_LIFE_DAYS, SCALE, MAX_DRIVERS, RETENTION_DAYS,
      COMMIT_INTERVAL_MS, PUBLISH_INTERVAL_MS, REPLICATION_FACTOR, PROVOCATION_WINDOW_HOURS, LATE_REPORT_GRACE_DAYS,
      PROVOCATION_WEIGHT, STANDING_ADVERSARIES, PROMINENCE_THRESHOLD, PROMINENCE_MIN_HISTORY, PROMINENCE_WEIGHT,
      PIVOT_THRESHOLD, PIVOT_WINDOW_DAYS, ADVANCE_INTERVAL_MINUTES, QUIET_AGE_HOURS, WATCH_DYADS)).toList();

  public static ScoringConfig from(Settings s, Map<String, String> environment) {
    String bootstrap = s.common();
    double halfLife = HALF_LIFE_DAYS.from(s);
    double scale = SCALE.from(s);
    int drivers = MAX_DRIVERS.from(s);
    int retention = RETENTION_DAYS.from(s);
    double provocationWindowHours = PROVOCATION_WINDOW_HOURS.from(s);
    int graceDays = LATE_REPORT_GRACE_DAYS.from(s);
    Map<String, List<String>> adversaries = Map.of("PRK", List.of("KOR", "USA", "JPN"));
    try {
      adversaries = SignalParameters.parseAdversaries(STANDING_ADVERSARIES.from(s));
    } catch (IllegalArgumentException e) {
      s.error(STANDING_ADVERSARIES.key() + ": " + e.getMessage());
    }
    SignalParameters signals = new SignalParameters(
        Duration.ofMinutes((long) (provocationWindowHours * 60)),
        Duration.ofDays(graceDays),
        PROVOCATION_WEIGHT.from(s),
        PROMINENCE_THRESHOLD.from(s),
        PROMINENCE_MIN_HISTORY.from(s),
        PROMINENCE_WEIGHT.from(s),
        PIVOT_THRESHOLD.from(s),
        Duration.ofDays(PIVOT_WINDOW_DAYS.from(s)),
        adversaries);
    int advanceMinutes = ADVANCE_INTERVAL_MINUTES.from(s);
    int quietHours = QUIET_AGE_HOURS.from(s);
    Set<String> watch = new TreeSet<>();
    for (String dyad : WATCH_DYADS.from(s).split(",")) {
      String d = dyad.strip();
      if (d.isEmpty()) {
        continue;
      }
      if (io.relmon.service.Dyad.parse(d).isEmpty()) {
        s.error(WATCH_DYADS.key() + ": '" + d + "' is not a dyad key (two ISO3 codes in alphabetical order, e.g. CHN-PRK)");
      } else {
        watch.add(d);
      }
    }
    if (watch.size() > 100) {
      s.error(WATCH_DYADS.key() + ": at most 100 dyads (each is a time series)");
    }
    ScoringConfig config = new ScoringConfig(
        bootstrap,
        APPLICATION_ID.from(s),
        STATE_DIR.from(s),
        HOST.from(s),
        PORT.from(s),
        new ScoringParameters(
            new WarmthParameters(Duration.ofMillis((long) (halfLife * 86_400_000L)), scale, drivers, Duration.ofDays(retention)),
            signals, Duration.ofMinutes(advanceMinutes), Duration.ofHours(quietHours),
            Duration.ofMillis(PUBLISH_INTERVAL_MS.from(s))),
        COMMIT_INTERVAL_MS.from(s),
        REPLICATION_FACTOR.from(s),
        ADVERTISED_HOST.from(s),
        Set.copyOf(watch),
        KafkaSettings.clientProperties(bootstrap, s, environment));
    s.reportUnknownEnvironment("scoring", SETTINGS, List.of("relmon.scoring."));
    s.validate();
    return config;
  }
}
