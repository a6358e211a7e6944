package io.relmon.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Stable article ids, so that a re-submitted article is recognised: the SHA-256 of the canonical
 * URL (scheme and host lower-cased, default port, fragment and tracking parameters removed,
 * trailing slash dropped), or of the normalised text when there is no URL. 32 hex digits.
 */
public final class ArticleIds {

  private static final Set<String> TRACKING = Set.of(
      "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref", "ref_src", "cmpid", "ocid");

  private ArticleIds() {}

  public static String forArticle(String url, String title, String body) {
    if (url != null && !url.isBlank()) {
      String canonical = canonicalUrl(url);
      if (canonical != null) {
        return hash("url:" + canonical);
      }
    }
    return hash("text:" + normalise(title) + "\n" + normalise(body));
  }

  /** The canonical form of {@code url}, or null when it is not an absolute http(s) URL. */
  public static String canonicalUrl(String url) {
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
        return null;
      }
      String host = uri.getHost().toLowerCase(Locale.ROOT);
      if (host.startsWith("www.")) {
        host = host.substring(4);
      }
      int port = uri.getPort();
      boolean defaultPort = port == -1 || (port == 80 && "http".equals(scheme)) || (port == 443 && "https".equals(scheme));
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      if (path.length() > 1 && path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      List<String> kept = new ArrayList<>();
      if (uri.getRawQuery() != null) {
        for (String pair : uri.getRawQuery().split("&")) {
          String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
          if (!pair.isEmpty() && !name.startsWith("utm_") && !TRACKING.contains(name)) {
            kept.add(pair);
          }
        }
      }
      kept.sort(null);
      // http and https name the same article.
      return "//" + host + (defaultPort ? "" : ":" + port) + path + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    } catch (URISyntaxException e) {
      return null;
    }
  }

  static String normalise(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[\\s\\p{Punct}“”‘’—–]+", " ").strip();
  }

  private static String hash(String s) {
    return io.relmon.service.Ids.sha256(s, 16);
  }
}
