package io.relmon.alert.notify;

import static io.relmon.alert.notify.Markup.escape;
import static io.relmon.alert.notify.Markup.oneLine;

import java.util.List;

/**
 * A headed list of events with their evidence, in the text part and in the HTML part: what drove
 * warmth, or what a signal rests on. An empty list renders nothing — no heading over nothing.
 */
final class EvidenceSection {

  /** Articles shown per event: enough to judge the sources, few enough to keep the e-mail readable. */
  static final int ARTICLES_SHOWN = 3;

  private EvidenceSection() {}

  static void text(StringBuilder out, String heading, List<EvidenceItem> items) {
    if (items.isEmpty()) {
      return;
    }
    out.append(heading).append(":\n");
    for (EvidenceItem item : items) {
      out.append("- ").append(oneLine(item.when())).append("  ").append(oneLine(item.what()));
      if (item.contribution() != null) {
        out.append("  (").append(item.contribution()).append(')');
      }
      if (item.modality() != null) {
        out.append("  [").append(item.modality()).append(']');
      }
      if (item.corroboration() > 1) {
        out.append("  reported by ").append(item.corroboration()).append(" articles");
      }
      out.append('\n');
      out.append("  \"").append(oneLine(item.evidence())).append("\"\n");
      articlesText(out, item);
    }
    out.append('\n');
  }

  /** The first articles of {@code item}, a line each, and how many more there were. */
  static void articlesText(StringBuilder out, EvidenceItem item) {
    List<EvidenceItem.Article> shown = shown(item);
    for (EvidenceItem.Article article : shown) {
      out.append("  ").append(text(article)).append('\n');
    }
    int more = more(item, shown);
    if (more > 0) {
      out.append("  +").append(more).append(" more\n");
    }
  }

  static void html(StringBuilder out, String heading, List<EvidenceItem> items) {
    if (items.isEmpty()) {
      return;
    }
    out.append("<h3>").append(escape(heading)).append("</h3><table cellpadding=\"4\" style=\"border-collapse:collapse\">");
    for (EvidenceItem item : items) {
      out.append("<tr style=\"border-top:1px solid #ddd\"><td style=\"white-space:nowrap;vertical-align:top\">").append(escape(item.when())).append("</td><td>").append(escape(item.what()));
      if (item.modality() != null) {
        out.append(" <i>(").append(escape(item.modality())).append(")</i>");
      }
      out.append("</td><td>").append(escape(item.contribution())).append("</td></tr>");
      out.append("<tr><td></td><td colspan=\"2\"><q>").append(escape(item.evidence())).append("</q>");
      if (item.corroboration() > 1) {
        out.append("<br><small>reported by ").append(item.corroboration()).append(" articles</small>");
      }
      articlesHtml(out, item);
      out.append("</td></tr>");
    }
    out.append("</table>");
  }

  /** The first articles of {@code item}, each after a line break, and how many more there were. */
  static void articlesHtml(StringBuilder out, EvidenceItem item) {
    List<EvidenceItem.Article> shown = shown(item);
    for (EvidenceItem.Article article : shown) {
      out.append("<br>").append(html(article));
    }
    int more = more(item, shown);
    if (more > 0) {
      out.append("<br>+").append(more).append(" more");
    }
  }

  /** {@code Yonhap: "Headline" https://…}, as much of it as the record has. */
  static String text(EvidenceItem.Article article) {
    StringBuilder line = new StringBuilder();
    if (article.outlet() != null && !article.outlet().isBlank()) {
      line.append(oneLine(article.outlet())).append(':');
    }
    if (article.title() != null && !article.title().isBlank()) {
      line.append(" \"").append(oneLine(article.title())).append('"');
    }
    if (article.url() != null && !article.url().isBlank()) {
      line.append(' ').append(oneLine(article.url()));
    }
    return line.toString().strip();
  }

  /** {@code Yonhap — <a href="https://…">Headline</a>}; the headline (or the URL) stays text unless the URL is http(s). */
  static String html(EvidenceItem.Article article) {
    String label = article.title() != null && !article.title().isBlank() ? article.title() : article.url();
    boolean outlet = article.outlet() != null && !article.outlet().isBlank();
    StringBuilder html = new StringBuilder();
    if (outlet) {
      html.append(escape(article.outlet()));
    }
    if (label != null && !label.isBlank()) {
      html.append(outlet ? " — " : "").append(Markup.link(article.url(), label));
    }
    return html.toString();
  }

  private static List<EvidenceItem.Article> shown(EvidenceItem item) {
    return item.articles().subList(0, Math.min(ARTICLES_SHOWN, item.articles().size()));
  }

  /**
   * Articles that reported the event but are not shown: a record carries at most five, while
   * corroboration counts them all.
   */
  private static int more(EvidenceItem item, List<EvidenceItem.Article> shown) {
    return shown.isEmpty() ? 0 : Math.max(item.corroboration(), item.articles().size()) - shown.size();
  }
}
