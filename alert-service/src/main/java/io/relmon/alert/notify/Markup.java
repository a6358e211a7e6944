package io.relmon.alert.notify;

import java.util.Locale;

/**
 * How text from articles (evidence, outlets, headlines, URLs) is made safe for an e-mail: one line
 * in a header or the text part, escaped in HTML, a link only when it is http(s).
 */
final class Markup {

  private Markup() {}

  /** "+5", "−3" (a real minus sign), "0". */
  static String signed(double v) {
    long rounded = Math.round(v);
    return rounded > 0 ? "+" + rounded : rounded < 0 ? "−" + (-rounded) : "0";
  }

  /** Removes line breaks and other control characters: no header injection through a subject. */
  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]+", " ").strip();
  }

  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Whether a reader may be sent to {@code url}: http(s) only, never javascript:, data: or file:. */
  static boolean linkable(String url) {
    String lower = url == null ? "" : url.strip().toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }

  /** The URL as a link showing itself, or as escaped text when it may not be a link. */
  static String link(String url) {
    return link(url, url);
  }

  /** {@code label} linking to {@code url}, or the label as escaped text when the URL may not be a link. */
  static String link(String url, String label) {
    return linkable(url) ? "<a href=\"" + escape(url.strip()) + "\">" + escape(label) + "</a>" : escape(label);
  }
}
