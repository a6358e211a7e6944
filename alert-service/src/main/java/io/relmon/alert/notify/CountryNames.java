package io.relmon.alert.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Readable country names for e-mails, from {@code country-names.tsv}; unknown codes stay codes. */
final class CountryNames {
  private static final Map<String, String> NAMES = load();

  private CountryNames() {}

  static String of(String iso3) {
    return NAMES.getOrDefault(iso3, iso3);
  }

  /** "China–North Korea" for CHN-PRK. */
  static String dyad(String dyad) {
    String[] parts = dyad.split("-", 2);
    return parts.length == 2 ? of(parts[0]) + "–" + of(parts[1]) : dyad;
  }

  private static Map<String, String> load() {
    Map<String, String> names = new HashMap<>();
    try (var in = CountryNames.class.getResourceAsStream("/io/relmon/alert/country-names.tsv")) {
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
    return names;
  }
}
