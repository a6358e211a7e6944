package io.relmon.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed reading of a service's configuration that collects every problem instead of stopping at
 * the first. Values come from a map of {@code relmon.*} keys (defaults, then a properties file,
 * then environment variables: {@code RELMON_INGEST_PORT} overrides {@code relmon.ingest.port}).
 * Call {@link #validate()} once everything is read: it throws one {@link ConfigException} listing
 * all errors.
 *
 * <p>Each service declares its keys as {@link Setting} constants (type, bounds, default and doc in
 * one place) and reads them with {@link Setting#from}; {@link #reportUnknownEnvironment} then
 * names every {@code RELMON_*} variable that no service reads, with the nearest known key.
 */
public final class Settings {

  private static final Logger log = LoggerFactory.getLogger(Settings.class);

  /** Kafka bootstrap servers; every service reads it (it never reaches the clients as a property). */
  public static final Setting<String> KAFKA_BOOTSTRAP = Setting.string("relmon.kafka.bootstrap", "localhost:9092",
      "Kafka bootstrap servers. Any other relmon.kafka.* key (RELMON_KAFKA_LINGER_MS) and any KAFKA_* variable passes to the Kafka clients");

  /** Level of relmon's own loggers (read by logback as RELMON_LOG_LEVEL; checked here). */
  public static final Setting<String> LOG_LEVEL = Setting.choice("relmon.log.level", "INFO",
      List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR"), "Level of relmon's own loggers (io.relmon); the Kafka clients stay at WARN");

  /** Log layout: one line of text or one JSON object per event (read by logback as RELMON_LOG_FORMAT). */
  public static final Setting<String> LOG_FORMAT = Setting.choice("relmon.log.format", "text", List.of("text", "json"),
      "Log layout on standard output: text lines, or json (one JSON object a line, for a log collector)");

  /**
   * A schema registry's base URL: set, every Avro serde writes the registry framing (read by the
   * schemas module's {@code SchemaRegistry} as RELMON_SCHEMA_REGISTRY_URL; docs/topics.md).
   */
  public static final Setting<String> SCHEMA_REGISTRY_URL = Setting.string("relmon.schema.registry.url", null,
      "Schema registry (Confluent API, e.g. Apicurio's /apis/ccompat/v7): records are written in its framing, both framings read (docs/topics.md)");

  /** The settings every service reads. */
  public static final List<Setting<?>> COMMON = List.of(KAFKA_BOOTSTRAP, LOG_LEVEL, LOG_FORMAT, SCHEMA_REGISTRY_URL);

  /**
   * Namespaces of the services and tools: a {@code RELMON_*} variable in another service's
   * namespace is that service's business, not reported as unknown here.
   */
  static final List<String> NAMESPACES = List.of("relmon.ingest.", "relmon.scoring.", "relmon.alert.", "relmon.smtp.",
      "relmon.web.", "relmon.log.", "relmon.kafka.");

  /**
   * Variables that tools read, not services: {@code RELMON_JAVA_OPTS} (the {@code relmon} script),
   * {@code RELMON_KAFKA_PORT} ({@code relmon local}'s broker), {@code RELMON_BENCH_JFR}
   * ({@code relmon bench}).
   */
  static final List<String> TOOL_KEYS = List.of("relmon.java.opts", "relmon.kafka.port", "relmon.bench.jfr");

  private final Map<String, String> values;
  /** Key → the environment variable that set it. */
  private final Map<String, String> fromEnvironment;
  private final List<String> errors = new ArrayList<>();

  public Settings(Map<String, String> values) {
    this(values, Map.of());
  }

  private Settings(Map<String, String> values, Map<String, String> fromEnvironment) {
    this.values = Map.copyOf(values);
    this.fromEnvironment = Map.copyOf(fromEnvironment);
  }

  /** Settings from the process environment over the given defaults. */
  public static Settings fromEnvironment(Map<String, String> defaults) {
    return layered(defaults, System.getenv());
  }

  /** {@code defaults}, overridden by environment variables named after the keys. */
  public static Settings layered(Map<String, String> defaults, Map<String, String> environment) {
    Map<String, String> merged = new HashMap<>(defaults);
    Map<String, String> fromEnvironment = new HashMap<>();
    environment.forEach((name, value) -> {
      if (name.startsWith("RELMON_")) {
        String key = name.toLowerCase(Locale.ROOT).replace('_', '.');
        merged.put(key, value);
        fromEnvironment.put(key, name);
      }
    });
    return new Settings(merged, fromEnvironment);
  }

  /** Reads a properties file into a map (for {@code --config FILE}). */
  public static Map<String, String> readProperties(Path file) {
    Properties properties = new Properties();
    try (var in = Files.newBufferedReader(file)) {
      properties.load(in);
    } catch (java.io.IOException e) {
      throw new ConfigException(List.of("cannot read " + file + ": " + e.getMessage()));
    }
    Map<String, String> map = new HashMap<>();
    properties.forEach((k, v) -> map.put(k.toString(), v.toString()));
    return map;
  }

  public String string(String key, String fallback) {
    String value = values.get(key);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  public String required(String key) {
    String value = string(key, null);
    if (value == null) {
      errors.add(key + ": required");
    }
    return value;
  }

  public int integer(String key, int fallback, int min, int max) {
    String value = string(key, null);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        errors.add(key + ": " + parsed + " is outside " + min + ".." + max);
      }
      return parsed;
    } catch (NumberFormatException e) {
      errors.add(key + ": '" + value + "' is not a whole number");
      return fallback;
    }
  }

  public double decimal(String key, double fallback, double min, double max) {
    String value = string(key, null);
    if (value == null) {
      return fallback;
    }
    try {
      double parsed = Double.parseDouble(value);
      if (!(parsed >= min && parsed <= max)) {
        errors.add(key + ": " + parsed + " is outside " + min + ".." + max);
      }
      return parsed;
    } catch (NumberFormatException e) {
      errors.add(key + ": '" + value + "' is not a number");
      return fallback;
    }
  }

  /** {@code true} or {@code false} and nothing else: {@code yes}, {@code 1} or {@code on} is an error, not false. */
  public boolean bool(String key, boolean fallback) {
    String value = string(key, null);
    if (value == null) {
      return fallback;
    }
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        errors.add(key + ": '" + value + "' is not true or false");
        yield fallback;
      }
    };
  }

  /** One of {@code choices}, exactly as written there. */
  public String choice(String key, String fallback, List<String> choices) {
    String value = string(key, null);
    if (value == null) {
      return fallback;
    }
    if (!choices.contains(value)) {
      errors.add(key + ": '" + value + "' is not one of " + String.join(", ", choices));
      return fallback;
    }
    return value;
  }

  /** Reads a declared setting (same as {@code setting.from(this)}). */
  public <T> T get(Setting<T> setting) {
    return setting.from(this);
  }

  /** Reads and checks the settings every service shares; returns the bootstrap servers. */
  public String common() {
    LOG_LEVEL.from(this);
    LOG_FORMAT.from(this);
    return KAFKA_BOOTSTRAP.from(this);
  }

  public Path path(String key, Path fallback) {
    String value = string(key, null);
    return value == null ? fallback : Path.of(value);
  }

  /**
   * A secret: the value of {@code key}, else the stripped content of the file named by
   * {@code key.file} (how orchestrators hand secrets over), else null. An unreadable file is
   * recorded as an error.
   */
  public String secret(String key) {
    String value = string(key, null);
    Path file = path(key + ".file", null);
    if (value == null && file != null) {
      try {
        return Files.readString(file).strip();
      } catch (java.io.IOException e) {
        errors.add(key + ".file: cannot read " + file + " (" + e.getMessage() + ")");
      }
    }
    return value;
  }

  /** Every entry whose key starts with {@code prefix}, with the prefix removed. */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> found = new HashMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        found.put(k.substring(prefix.length()), v);
      }
    });
    return found;
  }

  /** Records a problem found by the caller's own checks. */
  public void error(String message) {
    errors.add(message);
  }

  /**
   * The {@code RELMON_*} environment variables that are not settings of this service, each with
   * the nearest known key. Reported: a variable in the service's own namespaces ({@code ownPrefixes},
   * e.g. {@code relmon.ingest.}) that is not one of its keys, and a variable in no relmon namespace
   * ({@code RELMON_INGST_PORT}). Not reported: another service's namespace (one environment may
   * serve all three), {@code relmon.kafka.*} (passed to the Kafka clients), the tools' own
   * variables, and names ending in {@code _SECRET} (webhook secrets the rules file names).
   */
  public List<String> unknownEnvironment(Collection<Setting<?>> known, Collection<String> ownPrefixes) {
    List<String> keys = known.stream().flatMap(s -> s.keys().stream()).toList();
    List<String> unknown = new ArrayList<>();
    new TreeMap<>(fromEnvironment).forEach((key, variable) -> {
      if (keys.contains(key) || TOOL_KEYS.contains(key) || variable.endsWith("_SECRET")) {
        return;
      }
      boolean own = ownPrefixes.stream().anyMatch(key::startsWith);
      boolean elsewhere = NAMESPACES.stream().anyMatch(key::startsWith);
      if (own || !elsewhere) {
        String nearest = keys.stream().min(Comparator.comparingInt(k -> distance(k, key))).orElse(null);
        unknown.add(variable + " is not a setting of this service" + (nearest == null ? ""
            : " (nearest: " + Setting.environmentVariable(nearest) + ", " + nearest + ")") + "; it is ignored");
      }
    });
    return unknown;
  }

  /** Logs {@link #unknownEnvironment} as warnings; returns them. */
  public List<String> reportUnknownEnvironment(String service, Collection<Setting<?>> known, Collection<String> ownPrefixes) {
    List<String> unknown = unknownEnvironment(known, ownPrefixes);
    unknown.forEach(message -> log.warn("{} service: {}", service, message));
    return unknown;
  }

  /** Edit distance (insertions, deletions, substitutions) between two keys. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** Throws one exception listing every problem found so far. */
  public void validate() {
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
  }
}
