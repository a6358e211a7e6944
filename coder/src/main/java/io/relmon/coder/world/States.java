package io.relmon.coder.world;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The states the coder knows (states.tsv) and the phrases that contain a state's name without
 * naming it (not-states.tsv: "Latin America", "Indian Ocean"). The ISO codes are checked against
 * the JDK's own list of ISO 3166 countries, so a typing error in the data fails at load.
 */
public final class States {

  /** A phrase of states.tsv: which state it names and how. */
  public record Naming(String iso3, StateForm form) {}

  /** Codes outside ISO 3166-1 that news needs: Kosovo's user-assigned code. */
  static final Set<String> EXTRA_CODES = Set.of("XKX");

  private final Map<String, Naming> phrases;
  private final Map<String, String> names;
  private final Set<String> notStates;

  private States(Map<String, Naming> phrases, Map<String, String> names, Set<String> notStates) {
    this.phrases = Collections.unmodifiableMap(phrases);
    this.names = Collections.unmodifiableMap(names);
    this.notStates = Collections.unmodifiableSet(notStates);
  }

  public static States load() {
    Set<String> iso = isoCodes();
    Map<String, Naming> phrases = new HashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (String[] row : DataFiles.rows("states.tsv")) {
      String iso3 = DataFiles.column(row, 0);
      if (!iso.contains(iso3)) {
        throw new IllegalStateException("states.tsv: not an ISO 3166 alpha-3 code: " + iso3);
      }
      names.put(iso3, DataFiles.column(row, 2));
      put(phrases, List.of(DataFiles.column(row, 2)), iso3, StateForm.NAME);
      put(phrases, DataFiles.values(row, 3), iso3, StateForm.NAME);
      put(phrases, DataFiles.values(row, 4), iso3, StateForm.ADJECTIVE);
      put(phrases, DataFiles.values(row, 5), iso3, StateForm.DEMONYM);
      put(phrases, DataFiles.values(row, 6), iso3, StateForm.METONYM);
      put(phrases, DataFiles.values(row, 7), iso3, StateForm.INSTITUTION);
    }
    Set<String> notStates = new TreeSet<>();
    for (String[] row : DataFiles.rows("not-states.tsv")) {
      notStates.add(DataFiles.column(row, 0));
    }
    return new States(phrases, names, notStates);
  }

  private static void put(Map<String, Naming> phrases, List<String> forms, String iso3, StateForm form) {
    for (String phrase : forms) {
      Naming before = phrases.get(phrase);
      if (before != null && !before.iso3().equals(iso3)) {
        throw new IllegalStateException("states.tsv: \"" + phrase + "\" names both " + before.iso3() + " and " + iso3);
      }
      if (before == null || form == StateForm.NAME) {
        phrases.put(phrase, new Naming(iso3, form));
      }
    }
  }

  /** Every ISO 3166-1 alpha-3 code the JDK knows, and XKX. */
  public static Set<String> isoCodes() {
    Set<String> codes = new TreeSet<>(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3));
    codes.addAll(EXTRA_CODES);
    return codes;
  }

  public Map<String, Naming> phrases() {
    return phrases;
  }

  public Set<String> notStates() {
    return notStates;
  }

  /** The short English name of a state ("North Korea"), or null. */
  public String name(String iso3) {
    return names.get(iso3);
  }

  public Set<String> codes() {
    return names.keySet();
  }
}
