package io.relmon.scoring.web;

import io.relmon.scoring.history.HistoryView.Mover;
import io.relmon.scoring.history.HistoryView.Overview;
import io.relmon.scoring.history.HistoryView.Signal;
import io.relmon.service.CountryNames;
import io.relmon.service.Dyad;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** The page at {@code /}: the dyads that moved most in 7 and in 30 days, and the latest signals. */
final class OverviewPage {
  private OverviewPage() {}

  static String render(Overview overview) {
    StringBuilder body = new StringBuilder(8192);
    body.append("<h1>Relations between countries</h1>");
    movers(body, "movers-7d", "Moved most in 7 days", "7-day change", overview.movers7d(), Mover::change7d);
    movers(body, "movers-30d", "Moved most in 30 days", "30-day change", overview.movers30d(), Mover::change30d);
    signals(body, overview.latestSignals());
    return Page.document("Overview", body.toString());
  }

  private static void movers(StringBuilder body, String id, String heading, String changeLabel, List<Mover> movers,
      ToDoubleFunction<Mover> change) {
    body.append("<section id=\"").append(id).append("\"><h2>").append(heading).append("</h2>");
    if (movers == null || movers.isEmpty()) {
      body.append("<p class=\"empty\">No dyad has moved yet.</p></section>");
      return;
    }
    body.append("<table class=\"movers\"><thead><tr><th>Dyad</th><th class=\"num\">Warmth now</th><th class=\"num\">").append(changeLabel)
        .append("</th><th>Last 30 days</th></tr></thead><tbody>");
    for (Mover m : movers) {
      double delta = change.applyAsDouble(m);
      body.append("<tr class=\"mover\" data-dyad=\"").append(Html.escape(m.dyad())).append("\"><td>")
          .append(Html.internalLink("/dyads/", m.dyad(), CountryNames.dyad(m.dyad())))
          .append("</td><td class=\"num value\">").append(Format.signed(m.value(), 1))
          .append("</td><td class=\"num change ").append(delta > 0 ? "warming" : delta < 0 ? "cooling" : "").append("\">")
          .append(Format.signed(delta, 1)).append("</td><td>").append(SvgChart.sparkline(m.sparkline() == null ? List.of() : m.sparkline()))
          .append("</td></tr>");
    }
    body.append("</tbody></table></section>");
  }

  private static void signals(StringBuilder body, List<Signal> signals) {
    body.append("<section id=\"latest-signals\"><h2>Latest signals</h2>");
    if (signals == null || signals.isEmpty()) {
      body.append("<p class=\"empty\">No signal yet.</p></section>");
      return;
    }
    body.append("<ol class=\"signals\">");
    for (Signal s : signals) {
      body.append("<li class=\"signal\" data-type=\"").append(Html.escape(s.type())).append("\" data-id=\"").append(Html.escape(s.id()))
          .append("\"><h3>").append(Html.escape(Format.humanised(s.type()))).append(" <span class=\"meta\">")
          .append(Html.escape(Format.date(s.date(), s.eventTime()))).append("</span></h3><p class=\"explanation\">")
          .append(Html.escape(s.explanation())).append("</p>");
      Set<String> dyads = dyadsOf(s);
      if (!dyads.isEmpty()) {
        body.append("<p class=\"meta\">");
        String separator = "";
        for (String dyad : dyads) {
          body.append(separator).append(Html.internalLink("/dyads/", dyad, CountryNames.dyad(dyad)));
          separator = " · ";
        }
        body.append("</p>");
      }
      body.append("</li>");
    }
    body.append("</ol></section>");
  }

  /** The dyads a signal applies to: its actor with each of its targets (not with itself), keyed as everywhere. */
  static Set<String> dyadsOf(Signal s) {
    Set<String> dyads = new LinkedHashSet<>();
    if (s.actor() == null || s.actor().isBlank() || s.targets() == null) {
      return dyads;
    }
    for (String target : s.targets()) {
      if (target != null && !target.isBlank() && !target.equals(s.actor())) {
        dyads.add(Dyad.key(s.actor(), target));
      }
    }
    return dyads;
  }
}
