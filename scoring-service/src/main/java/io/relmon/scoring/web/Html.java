package io.relmon.scoring.web;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The only ways the web pages put data into markup. Everything that comes from articles or from
 * the data (evidence, titles, outlets, ids, even country codes) is hostile: it is escaped for text
 * and attributes alike, and only http(s) URLs ever become an {@code href}.
 */
final class Html {
  /** Off-site links leak neither the opener nor the referrer, and lend the articles no rank. */
  static final String EXTERNAL_REL = "noopener noreferrer nofollow";

  private Html() {}

  /** Escapes for text and for double- or single-quoted attribute values (also inside SVG). */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        // A NUL or other C0 control is no text anyone wrote; a browser would show a box or drop it.
        default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
      }
    }
    return out.toString();
  }

  /** Whether a URL may become an href: http and https only, never javascript:, data: and the like. */
  static boolean isWebUrl(String url) {
    if (url == null) {
      return false;
    }
    String lower = url.strip().toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }

  /**
   * A link to an article, reading {@code text} (the URL when there is no text). A URL that is not
   * http(s) is shown as escaped text after the text, so a reader still sees where it pointed.
   */
  static String externalLink(String url, String text) {
    boolean hasText = text != null && !text.isBlank();
    if (!isWebUrl(url)) {
      String shownUrl = url == null || url.isBlank() ? "" : escape(url);
      return "<span class=\"unlinked\">" + (hasText ? escape(text) + (shownUrl.isEmpty() ? "" : " <span class=\"url\">(" + shownUrl + ")</span>")
          : "<span class=\"url\">" + shownUrl + "</span>") + "</span>";
    }
    return "<a href=\"" + escape(url.strip()) + "\" rel=\"" + EXTERNAL_REL + "\">" + escape(hasText ? text : url) + "</a>";
  }

  /** A link within relmon, e.g. {@code link("/dyads/", "CHN-PRK", "China–North Korea")}. */
  static String internalLink(String prefix, String segment, String text) {
    return "<a href=\"" + escape(prefix + pathSegment(segment)) + "\">" + escape(text) + "</a>";
  }

  /**
   * Percent-encodes a path segment: whatever a code from the data holds, it stays one segment of a
   * relmon path and adds no further segment, query or fragment.
   */
  static String pathSegment(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
