package io.relmon.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * One setting: its key, its type and bounds, its default, and the sentence that documents it — in
 * one place, declared as a constant of the service's config class (and listed in its
 * {@code SETTINGS}). {@link Settings#get} reads it, recording a problem instead of throwing; the
 * module README's table of keys is held to these declarations by a test ({@link SettingsTable}).
 *
 * @param key the {@code relmon.*} key; the environment variable is {@link #environmentVariable()}
 * @param defaultText the default as the README's table shows it (Markdown: {@code `8081`}, {@code none},
 *     {@code required}, or a phrase for a computed default)
 * @param doc what the setting does, one sentence
 * @param secret whether the value may instead come from the file named by {@link #fileKey()}
 * @param reader parses the value (null when unset or blank) into T, recording problems on the Settings
 */
public record Setting<T>(String key, String defaultText, String doc, boolean secret,
    BiFunction<Settings, Setting<T>, T> reader) {

  /** A whole number within min..max. */
  public static Setting<Integer> integer(String key, int fallback, int min, int max, String doc) {
    return new Setting<>(key, code(Integer.toString(fallback)), doc, false, (s, self) -> s.integer(key, fallback, min, max));
  }

  /** A number within min..max. */
  public static Setting<Double> decimal(String key, double fallback, double min, double max, String doc) {
    return new Setting<>(key, code(plain(fallback)), doc, false, (s, self) -> s.decimal(key, fallback, min, max));
  }

  /** A string; {@code fallback} may be null (shown as "none"). */
  public static Setting<String> string(String key, String fallback, String doc) {
    return new Setting<>(key, fallback == null ? "none" : code(fallback), doc, false, (s, self) -> s.string(key, fallback));
  }

  /** A required string: unset, it is a problem. */
  public static Setting<String> required(String key, String doc) {
    return new Setting<>(key, "required", doc, false, (s, self) -> s.required(key));
  }

  /** A path; {@code fallback} may be null (shown as "none"). */
  public static Setting<Path> path(String key, Path fallback, String doc) {
    return new Setting<>(key, fallback == null ? "none" : code(fallback.toString()), doc, false, (s, self) -> s.path(key, fallback));
  }

  /** {@code true} or {@code false}, nothing else. */
  public static Setting<Boolean> bool(String key, boolean fallback, String doc) {
    return new Setting<>(key, code(Boolean.toString(fallback)), doc, false, (s, self) -> s.bool(key, fallback));
  }

  /** One of {@code choices} (exactly as written). */
  public static Setting<String> choice(String key, String fallback, List<String> choices, String doc) {
    return new Setting<>(key, code(fallback), doc, false, (s, self) -> s.choice(key, fallback, choices));
  }

  /**
   * A secret: the value of {@code key}, else the content of the file named by {@code key.file}
   * ({@link Settings#secret}); {@link #fileKey()} is a known key too.
   */
  public static Setting<String> secret(String key, String defaultText, String doc) {
    return new Setting<>(key, defaultText, doc, true, (s, self) -> s.secret(key));
  }

  /** The same setting with its default shown otherwise (a computed default: "2 × cores, at least 4"). */
  public Setting<T> shownAs(String text) {
    return new Setting<>(key, text, doc, secret, reader);
  }

  /** Reads this setting's value (or its default). */
  public T from(Settings settings) {
    return reader.apply(settings, this);
  }

  /** {@code RELMON_INGEST_PORT} for {@code relmon.ingest.port}. */
  public String environmentVariable() {
    return environmentVariable(key);
  }

  /** For a secret: the key naming the file that holds it ({@code relmon.ingest.token.file}). */
  public String fileKey() {
    return key + ".file";
  }

  static String environmentVariable(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  /** The keys this setting answers to: its own, and for a secret also {@link #fileKey()}. */
  public List<String> keys() {
    return secret ? List.of(key, fileKey()) : List.of(key);
  }

  private static String code(String literal) {
    return "`" + literal + "`";
  }

  private static String plain(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
