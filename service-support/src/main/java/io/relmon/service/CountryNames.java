package io.relmon.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Readable country names for e-mails and the web view: the names news uses
 * ({@code country-names.tsv}: "North Korea", "Russia", "Kosovo"), else the JDK's English name of
 * the ISO 3166 country; an unknown code stays a code.
 */
public final class CountryNames {
  private static final Map<String, String> NAMES = load();

  private CountryNames() {}

  /** "North Korea" for PRK; the code itself when unknown. */
  public static String of(String iso3) {
    return iso3 == null ? "" : NAMES.getOrDefault(iso3, iso3);
  }

  /** Whether the code names a country relmon knows. */
  public static boolean known(String iso3) {
    return iso3 != null && NAMES.containsKey(iso3);
  }

  /** "China–North Korea" for CHN-PRK. */
  public static String dyad(String dyad) {
    String[] parts = dyad.split("-", 2);
    return parts.length == 2 ? of(parts[0]) + "–" + of(parts[1]) : dyad;
  }

  private static Map<String, String> load() {
    Map<String, String> names = new HashMap<>();
    for (String alpha2 : Locale.getISOCountries()) {
      Locale country = new Locale("", alpha2);
      names.put(country.getISO3Country(), country.getDisplayCountry(Locale.ENGLISH));
    }
    try (var in = CountryNames.class.getResourceAsStream("/io/relmon/service/country-names.tsv")) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = reader.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] row = line.split("\t", 2);
          names.put(row[0].strip(), row[1].strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(names);
  }
}
