package io.relmon.ingest.feed;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The main text of an article page, one paragraph a line (what the coder reads). Navigation,
 * headers, footers, asides, scripts and forms are dropped; the text is the paragraphs of the
 * page's {@code <article>}, else of {@code <main>}, else of the element holding the most
 * paragraph text directly. Markup never reaches the text: jsoup gives text only.
 */
public final class PageText {

  /** Fewer characters than this is not an article (a paywall, an error page, a cookie wall). */
  public static final int MIN_CHARS = 200;

  private PageText() {}

  /** The page's title and main text; the text is empty when none was found. */
  public record Extracted(String title, String text) {}

  public static Extracted extract(String html, String baseUri) {
    Document page = Jsoup.parse(html, baseUri);
    page.select("script, style, noscript, nav, header, footer, aside, form, iframe, svg, figure figcaption").remove();
    Element scope = page.selectFirst("article");
    if (scope == null) {
      scope = page.selectFirst("main");
    }
    if (scope == null) {
      scope = densest(page.body());
    }
    List<String> paragraphs = new ArrayList<>();
    if (scope != null) {
      for (Element p : scope.select("p, h2, h3, li")) {
        String text = p.text().strip();
        if (!text.isEmpty() && (p.tagName().equals("p") || text.length() > 40)) {
          paragraphs.add(text);
        }
      }
      if (paragraphs.isEmpty()) {
        String text = scope.text().strip();
        if (!text.isEmpty()) {
          paragraphs.add(text);
        }
      }
    }
    String title = page.title();
    Element h1 = page.selectFirst("h1");
    if (h1 != null && !h1.text().isBlank()) {
      title = h1.text();
    }
    return new Extracted(title == null ? "" : title.strip(), String.join("\n", paragraphs));
  }

  /** The element whose own {@code <p>} children hold the most text. */
  private static Element densest(Element body) {
    if (body == null) {
      return null;
    }
    Element best = body;
    int bestLength = 0;
    for (Element element : body.select("*")) {
      int length = 0;
      for (Element child : element.children()) {
        if (child.tagName().equals("p")) {
          length += child.text().length();
        }
      }
      if (length > bestLength) {
        best = element;
        bestLength = length;
      }
    }
    return best;
  }
}
