package io.relmon.scoring.web;

import io.relmon.scoring.history.HistoryView.Country;
import io.relmon.scoring.history.HistoryView.Partner;
import io.relmon.service.CountryNames;
import java.util.Comparator;
import java.util.List;

/** The page at {@code /countries/{ISO3}}: a state's partners, warmest to coldest. */
final class CountryPage {
  /**
   * Warmest first, ties by partner code. The data comes in this order already; sorting here keeps
   * the page right whatever the caller hands it.
   */
  static final Comparator<Partner> WARMEST_FIRST = Comparator.comparingDouble(Partner::value).reversed()
      .thenComparing(Partner::partner, Comparator.nullsLast(Comparator.<String>naturalOrder()));

  private CountryPage() {}

  static String render(Country country) {
    String name = CountryNames.of(country.country());
    StringBuilder body = new StringBuilder(8192);
    body.append("<h1>").append(Html.escape(name)).append(" <span class=\"codes\">").append(Html.escape(country.country()))
        .append("</span></h1><p><a href=\"/\">overview</a></p><h2>Partners, warmest to coldest</h2>");
    List<Partner> partners = country.partners() == null ? List.of() : country.partners().stream().sorted(WARMEST_FIRST).toList();
    if (partners.isEmpty()) {
      body.append("<p class=\"empty\">No relation of ").append(Html.escape(name)).append(" has been scored yet.</p>");
      return Page.document(name, body.toString());
    }
    body.append("<table class=\"partners\"><thead><tr><th>Partner</th><th class=\"num\">Warmth now</th><th class=\"num\">7-day change</th>")
        .append("<th class=\"num\">30-day change</th><th class=\"num\">Events</th><th>As of</th></tr></thead><tbody>");
    for (Partner p : partners) {
      body.append("<tr class=\"partner\" data-partner=\"").append(Html.escape(p.partner())).append("\" data-dyad=\"").append(Html.escape(p.dyad()))
          .append("\"><td>").append(Html.internalLink("/dyads/", p.dyad(), CountryNames.of(p.partner())))
          .append(" <span class=\"codes\">").append(Html.internalLink("/countries/", p.partner(), p.partner())).append("</span>")
          .append("</td><td class=\"num value\" data-value=\"").append(Format.plain(p.value())).append("\">").append(Format.signed(p.value(), 1))
          .append("</td><td class=\"num\">").append(Format.signed(p.change7d(), 1))
          .append("</td><td class=\"num\">").append(Format.signed(p.change30d(), 1))
          .append("</td><td class=\"num\">").append(p.eventCount())
          .append("</td><td>").append(Html.escape(Format.day(p.asOf()))).append("</td></tr>");
    }
    body.append("</tbody></table>");
    return Page.document(name, body.toString());
  }
}
