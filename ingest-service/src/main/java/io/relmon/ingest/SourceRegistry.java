package io.relmon.ingest;

import io.relmon.schemas.avro.SourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Outlets by name and domain → kind and country, from the data file {@code sources.tsv}. An
 * outlet the registry does not know is OTHER with no country.
 */
public final class SourceRegistry {

  /** What the registry knows about an outlet. */
  public record Outlet(String name, SourceKind kind, String country) {}

  private final Map<String, Outlet> byKey;

  private SourceRegistry(Map<String, Outlet> byKey) {
    this.byKey = byKey;
  }

  /** The bundled registry. */
  public static SourceRegistry load() {
    return load(null);
  }

  /**
   * The bundled registry, with the rows of {@code extra} (same format) added; a row of
   * {@code extra} for a name or domain already known replaces it. Every bad row is reported at
   * once with its line.
   */
  public static SourceRegistry load(Path extra) {
    Map<String, Outlet> byKey = new HashMap<>();
    List<String> errors = new ArrayList<>();
    try (InputStream in = SourceRegistry.class.getResourceAsStream("sources.tsv")) {
      read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "sources.tsv", byKey, errors);
      if (extra != null) {
        read(Files.readString(extra), extra.toString(), byKey, errors);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the source registry " + extra + ": " + e.getMessage(), e);
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("source registry has problems:\n  " + String.join("\n  ", errors));
    }
    return new SourceRegistry(byKey);
  }

  private static void read(String text, String origin, Map<String, Outlet> byKey, List<String> errors) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].replace("\r", "");
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] row = line.split("\t", -1);
      String where = origin + ":" + (i + 1) + ": ";
      if (row.length != 4 || row[0].isBlank()) {
        errors.add(where + "expected 4 tab-separated columns: outlet name, domains (|-separated), kind, country");
        continue;
      }
      SourceKind kind;
      try {
        kind = SourceKind.valueOf(row[2].strip());
      } catch (IllegalArgumentException e) {
        errors.add(where + "kind '" + row[2] + "' is not one of " + java.util.Arrays.toString(SourceKind.values()));
        continue;
      }
      String country = row[3].strip();
      if (!country.isEmpty() && !country.matches("[A-Z]{3}")) {
        errors.add(where + "country '" + country + "' is not an ISO3 code such as KOR");
        continue;
      }
      Outlet outlet = new Outlet(row[0].strip(), kind, country.isEmpty() ? null : country);
      byKey.put(key(row[0]), outlet);
      for (String domain : row[1].split("\\|")) {
        if (!domain.isBlank()) {
          byKey.put(key(domain), outlet);
        }
      }
    }
  }

  /** The outlet for a source name or, failing that, the host of the article's URL. */
  public Outlet lookup(String source, String url) {
    Outlet outlet = source == null ? null : byKey.get(key(source));
    if (outlet == null && url != null) {
      try {
        String host = java.net.URI.create(url.strip()).getHost();
        while (host != null && outlet == null) {
          outlet = byKey.get(key(host));
          int dot = host.indexOf('.');
          host = dot < 0 ? null : host.substring(dot + 1);
        }
      } catch (IllegalArgumentException e) {
        // an unparsable URL simply gives no domain match
      }
    }
    return outlet != null ? outlet : new Outlet(source, SourceKind.OTHER, null);
  }

  private static String key(String s) {
    return s.strip().toLowerCase(Locale.ROOT);
  }
}
