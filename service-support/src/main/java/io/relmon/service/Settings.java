package io.relmon.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Typed reading of a service's configuration that collects every problem instead of stopping at
 * the first. Values come from a map of {@code relmon.*} keys (defaults, then a properties file,
 * then environment variables: {@code RELMON_INGEST_PORT} overrides {@code relmon.ingest.port}).
 * Call {@link #validate()} once everything is read: it throws one {@link ConfigException} listing
 * all errors.
 */
public final class Settings {

  private final Map<String, String> values;
  private final List<String> errors = new ArrayList<>();

  public Settings(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Settings from the process environment over the given defaults. */
  public static Settings fromEnvironment(Map<String, String> defaults) {
    return layered(defaults, System.getenv());
  }

  /** {@code defaults}, overridden by environment variables named after the keys. */
  public static Settings layered(Map<String, String> defaults, Map<String, String> environment) {
    Map<String, String> merged = new HashMap<>(defaults);
    environment.forEach((name, value) -> {
      if (name.startsWith("RELMON_")) {
        merged.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    return new Settings(merged);
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

  /** Throws one exception listing every problem found so far. */
  public void validate() {
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
  }
}
