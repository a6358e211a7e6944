package io.relmon.scoring.web;

import io.relmon.scoring.history.HistoryView.Event;
import io.relmon.scoring.history.HistoryView.Source;
import java.util.List;

/** The pieces every listing of an event shows: who did what to whom, the evidence, the articles. */
final class EventHtml {
  private EventHtml() {}

  /** "CHN military exercise → PRK, KOR" (plain text: escape it where it goes). */
  static String who(Event e) {
    List<String> targets = e.targets() == null ? List.of() : e.targets();
    return (e.actor() == null ? "?" : e.actor()) + " " + Format.humanised(e.type()) + (targets.isEmpty() ? "" : " → " + String.join(", ", targets));
  }

  /** The coded sentence, quoted; nothing when the coder kept none. */
  static String evidence(String evidence) {
    return evidence == null || evidence.isBlank() ? "" : "<blockquote class=\"evidence\">" + Html.escape(evidence) + "</blockquote>";
  }

  /** "reported by 3 articles". */
  static String corroboration(int articles) {
    return "<span class=\"corroboration\">reported by " + Html.escape(Format.count(articles, "article")) + "</span>";
  }

  /** The articles that reported it: outlet, linked title (http(s) only), publication day. */
  static String sources(List<Source> sources) {
    if (sources == null || sources.isEmpty()) {
      return "";
    }
    StringBuilder html = new StringBuilder("<ul class=\"sources\">");
    for (Source s : sources) {
      html.append("<li class=\"source\">");
      if (s.outlet() != null && !s.outlet().isBlank()) {
        html.append("<span class=\"outlet\">").append(Html.escape(s.outlet())).append("</span>: ");
      }
      html.append(Html.externalLink(s.url(), s.title()));
      if (s.published() != null) {
        html.append(" <span class=\"published\">(").append(Format.day(s.published())).append(")</span>");
      }
      html.append("</li>");
    }
    return html.append("</ul>").toString();
  }
}
