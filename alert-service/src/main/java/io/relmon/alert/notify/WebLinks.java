package io.relmon.alert.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where relmon's web view is for the people who read its e-mails: the address an e-mail's links
 * start from. It is the public address (what a reader's browser reaches), which the service
 * cannot know by itself — behind a proxy or in a cluster it is not the scoring service's own.
 *
 * @param base an absolute http(s) URL without a trailing slash, query or fragment
 */
public record WebLinks(String base) {

  /** The scoring service's port on the same machine: where the web view is when nothing else is said. */
  public static final String DEFAULT_BASE = "http://localhost:8082";

  public static final WebLinks DEFAULT = of(DEFAULT_BASE);

  public WebLinks {
    String problem = problem(base);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /**
   * Links starting from {@code baseUrl}, its trailing slashes dropped.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static WebLinks of(String baseUrl) {
    return new WebLinks(baseUrl == null ? null : baseUrl.strip().replaceFirst("/+$", ""));
  }

  /** The page of one relationship, e.g. {@code http://localhost:8082/dyads/CHN-PRK}. */
  public String dyadPage(String dyad) {
    return base + "/dyads/" + pathSegment(dyad);
  }

  /** What makes {@code base} unusable as the start of a link, or null when nothing does. */
  private static String problem(String base) {
    if (base == null || base.isEmpty()) {
      return "must be an absolute http(s) URL such as " + DEFAULT_BASE;
    }
    URI uri;
    try {
      uri = new URI(base);
    } catch (URISyntaxException e) {
      return "'" + base + "' is not a URL (" + e.getReason() + ")";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "'" + base + "' must be an absolute http(s) URL such as " + DEFAULT_BASE;
    }
    if (uri.getHost() == null) {
      return "'" + base + "' names no host";
    }
    // Links are the base plus a path: anything after the path would end up in the middle of them.
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return "'" + base + "' must not have a query or fragment";
    }
    // It is printed in every e-mail.
    if (uri.getRawUserInfo() != null) {
      return "'" + base + "' must not carry a user name or password";
    }
    if (base.endsWith("/")) {
      return "'" + base + "' must not end with a slash";
    }
    return null;
  }

  /** Percent-encodes everything but RFC 3986's unreserved characters: a dyad key is one path segment whatever it holds. */
  static String pathSegment(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
