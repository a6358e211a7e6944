package io.relmon.coder;

import io.relmon.coder.EventType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The coder's dictionaries, read from tab-separated data files so an analyst can extend them
 * without touching code: countries (names, adjectives, capitals), leaders with terms of office,
 * event types with weights and PLOVER/CAMEO codes, and trigger patterns.
 */
record Dictionaries(
    List<CountryName> countryNames,
    List<Leader> leaders,
    Map<EventType, TypeInfo> types,
    List<Trigger> triggers,
    Map<String, String> stateMedia) {

  /** A phrase that names a country. */
  record CountryName(String iso3, String phrase) {}

  /** A person who speaks or acts for a state while in office. */
  record Leader(String iso3, List<String> names, String role, LocalDate from, LocalDate to) {
    boolean inOfficeOn(LocalDate date) {
      return !date.isBefore(from) && (to == null || !date.isAfter(to));
    }

    /** The family name: first in Korean, Chinese and Vietnamese names, last in Western ones. */
    String surname() {
      String[] parts = names.get(0).split(" ");
      return java.util.Set.of("PRK", "KOR", "CHN", "VNM").contains(iso3) ? parts[0] : parts[parts.length - 1];
    }
  }

  /** Weight and codes of an event type. */
  record TypeInfo(EventType type, double weight, String plover, String ploverMode, String cameo, Targets targets) {}

  /** Which states after the trigger an event type takes as its targets. */
  enum Targets { NONE, FIRST, ALL, ANY }

  /** A pattern whose match signals an event of a type; {@code weight} overrides the type's when not null. */
  record Trigger(EventType type, Pattern pattern, Double weight) {}

  static Dictionaries load() {
    List<CountryName> names = new ArrayList<>();
    for (String[] row : rows("countries.tsv")) {
      for (String phrase : row[1].split("\\|")) {
        names.add(new CountryName(row[0], phrase.strip()));
      }
    }
    List<Leader> leaders = new ArrayList<>();
    for (String[] row : rows("keyword-leaders.tsv")) {
      leaders.add(new Leader(row[0], List.of(row[1].split("\\|")), row[2], LocalDate.parse(row[3]),
          row.length > 4 && !row[4].isBlank() ? LocalDate.parse(row[4]) : null));
    }
    Map<EventType, TypeInfo> types = new EnumMap<>(EventType.class);
    for (String[] row : rows("event-types.tsv")) {
      EventType type = EventType.valueOf(row[0]);
      types.put(type, new TypeInfo(type, Double.parseDouble(row[1]), cell(row, 2), emptyToNull(cell(row, 3)),
          cell(row, 4), Targets.valueOf(cell(row, 5).toUpperCase(java.util.Locale.ROOT))));
    }
    List<Trigger> triggers = new ArrayList<>();
    for (String[] row : rows("triggers.tsv")) {
      triggers.add(new Trigger(EventType.valueOf(row[0]),
          Pattern.compile(row[1], Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
          row.length > 2 && !row[2].isBlank() ? Double.valueOf(row[2].strip()) : null));
    }
    for (EventType type : EventType.values()) {
      if (!types.containsKey(type)) {
        throw new IllegalStateException("event-types.tsv has no row for " + type);
      }
    }
    Map<String, String> stateMedia = new java.util.LinkedHashMap<>();
    for (String[] row : rows("state-media.tsv")) {
      stateMedia.put(row[0].strip(), row[1].strip());
    }
    return new Dictionaries(List.copyOf(names), List.copyOf(leaders), types, List.copyOf(triggers), Map.copyOf(stateMedia));
  }

  private static String cell(String[] row, int i) {
    return i < row.length ? row[i].strip() : "";
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  private static List<String[]> rows(String file) {
    try (InputStream in = Dictionaries.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("coder dictionary missing: " + file);
      }
      List<String[]> rows = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int lineNumber = 0;
      for (String line; (line = reader.readLine()) != null; ) {
        lineNumber++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] row = line.split("\t", -1);
        if (row.length < 2) {
          throw new IllegalStateException(file + ":" + lineNumber + ": expected tab-separated columns");
        }
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
