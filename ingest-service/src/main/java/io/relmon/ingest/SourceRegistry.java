package io.relmon.ingest;

import io.relmon.schemas.avro.SourceKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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

  public static SourceRegistry load() {
    Map<String, Outlet> byKey = new HashMap<>();
    try (InputStream in = SourceRegistry.class.getResourceAsStream("sources.tsv")) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] row = line.split("\t", -1);
        Outlet outlet = new Outlet(row[0], SourceKind.valueOf(row[2]), row[3].isBlank() ? null : row[3]);
        byKey.put(key(row[0]), outlet);
        for (String domain : row[1].split("\\|")) {
          if (!domain.isBlank()) {
            byKey.put(key(domain), outlet);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SourceRegistry(byKey);
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
